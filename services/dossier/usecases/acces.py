"""Loading a dossier for an actor: what they may not see answers « Dossier introuvable » (404)."""

from __future__ import annotations

from plumbing.actors import Actor
from services.dossier.domain.acces import peut_voir
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import ActionReservee, DossierIntrouvable
from services.dossier.domain.ports import Repositories

RESERVEE_AU_DEMANDEUR = "Cette action est réservée au demandeur."


def dossier_visible(repos: Repositories, dossier_id: str, acteur: Actor) -> Dossier:
    """The dossier if `acteur` may see it; otherwise "Dossier introuvable" (404, no probing)."""
    dossier = repos.dossiers.charger(dossier_id)
    if dossier is None or not peut_voir(dossier, acteur):
        raise DossierIntrouvable()
    return dossier


def dossier_du_demandeur(repos: Repositories, dossier_id: str, acteur: Actor) -> Dossier:
    """The dossier for an action only its applicant may take."""
    dossier = dossier_visible(repos, dossier_id, acteur)
    exiger_demandeur(acteur)
    return dossier


def exiger_demandeur(acteur: Actor) -> None:
    if not acteur.is_applicant:
        raise ActionReservee(RESERVEE_AU_DEMANDEUR)


def exiger_agent(acteur: Actor) -> None:
    if not (acteur.is_agent or acteur.is_service):
        raise ActionReservee("Cette action est réservée aux agents de la préfecture.")
