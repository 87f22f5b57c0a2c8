"""Who may read or change a dossier's documents: the one access rule of the service.

Unknown dossiers and other people's dossiers give the same answer (`Introuvable`), so that
identifiers cannot be probed. The applicant reads and changes their own dossier (directly or
through a service), agents read a dossier of their préfecture once it has been deposited, services
read everything.
"""

from __future__ import annotations

from typing import Protocol

from contracts.variables import departement_du_groupe
from plumbing.actors import Actor
from services.documents.domain.erreurs import Interdit, Introuvable, Invalide

DOSSIER_INTROUVABLE = "Dossier introuvable."
RESERVE_AU_DEMANDEUR = "Seul le demandeur peut joindre ou retirer ses justificatifs."
RESERVE_AUX_SERVICES = "Cette opération est réservée aux services de la plateforme."
DEMANDEUR_REQUIS = "Le demandeur du dossier doit être précisé (demandeurId) lors du premier dépôt."


class DossierProtege(Protocol):
    """What the rule needs to know of a dossier."""

    @property
    def demandeur_id(self) -> str: ...
    @property
    def prefecture(self) -> str | None: ...
    @property
    def depose(self) -> bool: ...


def peut_lire(acteur: Actor, dossier: DossierProtege) -> bool:
    if acteur.is_service:
        return True
    if acteur.is_applicant:
        return acteur.id == dossier.demandeur_id
    prefecture = dossier.prefecture
    return acteur.is_agent and dossier.depose and prefecture is not None and prefecture in acteur.prefectures


def verifier_lecture(acteur: Actor, dossier: DossierProtege) -> None:
    if not peut_lire(acteur, dossier):
        raise Introuvable(DOSSIER_INTROUVABLE)


def verifier_ecriture(acteur: Actor, dossier: DossierProtege) -> None:
    """Only the applicant (directly or through a service) adds or removes their files."""
    verifier_lecture(acteur, dossier)
    if acteur.is_agent:
        raise Interdit(RESERVE_AU_DEMANDEUR)


def verifier_service(acteur: Actor) -> None:
    if not acteur.is_service:
        raise Interdit(RESERVE_AUX_SERVICES)


def demandeur_du_nouveau_dossier(acteur: Actor, demandeur_id: str | None) -> str:
    """Who owns a dossier registered with its first document: the applicant themself, or the one a service names."""
    if acteur.is_applicant:
        if demandeur_id and demandeur_id != acteur.id:
            raise Introuvable(DOSSIER_INTROUVABLE)
        return acteur.id
    if acteur.is_service and demandeur_id:
        return demandeur_id
    if acteur.is_service:
        raise Invalide(DEMANDEUR_REQUIS)
    raise Introuvable(DOSSIER_INTROUVABLE)


def departement(prefecture: str | None) -> str | None:
    """« 59 » from « 59 » or from the process's candidate group « prefecture-59 »; None when not given."""
    return (departement_du_groupe(prefecture) or None) if prefecture else None
