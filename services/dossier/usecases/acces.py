"""Who may see or change a dossier: its applicant; an agent of its préfecture once deposited."""

from __future__ import annotations

from plumbing.actors import Actor
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import DossierIntrouvable, ErreurDossier
from services.dossier.storage.registres import Registres


class ActionReservee(ErreurDossier):
    """The actor sees the dossier but may not do this (403)."""


def peut_voir(dossier: Dossier, acteur: Actor) -> bool:
    if acteur.is_applicant:
        return dossier.demandeur_id == acteur.id
    if acteur.is_agent:
        return dossier.est_depose and acteur.may_instruct(dossier.prefecture)
    return acteur.is_service


def dossier_visible(registres: Registres, dossier_id: str, acteur: Actor) -> Dossier:
    """The dossier if `acteur` may see it; otherwise "Dossier introuvable" (404, no probing)."""
    dossier = registres.dossiers.charger(dossier_id)
    if dossier is None or not peut_voir(dossier, acteur):
        raise DossierIntrouvable()
    return dossier


def dossier_du_demandeur(registres: Registres, dossier_id: str, acteur: Actor) -> Dossier:
    """The dossier for an action only its applicant may take."""
    dossier = dossier_visible(registres, dossier_id, acteur)
    if not acteur.is_applicant:
        raise ActionReservee("Cette action est réservée au demandeur.")
    return dossier


def exiger_demandeur(acteur: Actor) -> None:
    if not acteur.is_applicant:
        raise ActionReservee("Cette action est réservée au demandeur.")


def exiger_agent(acteur: Actor) -> None:
    if not (acteur.is_agent or acteur.is_service):
        raise ActionReservee("Cette action est réservée aux agents de la préfecture.")
