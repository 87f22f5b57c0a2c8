"""Who may read or change a dossier's documents.

Unknown dossiers and other people's dossiers give the same answer (`Introuvable`), so that
identifiers cannot be probed. Agents see a dossier of their préfecture once it has been deposited.
"""

from __future__ import annotations

from typing import Protocol

from services.documents.domain.erreurs import Interdit, Introuvable

DOSSIER_INTROUVABLE = "Dossier introuvable."
RESERVE_AU_DEMANDEUR = "Seul le demandeur peut joindre ou retirer ses justificatifs."
RESERVE_AUX_SERVICES = "Cette opération est réservée aux services de la plateforme."


class Acteur(Protocol):
    """The caller, as `plumbing.actors.Actor` describes it."""

    @property
    def id(self) -> str: ...
    @property
    def prefectures(self) -> frozenset[str]: ...
    @property
    def is_applicant(self) -> bool: ...
    @property
    def is_agent(self) -> bool: ...
    @property
    def is_service(self) -> bool: ...


def code_prefecture(valeur: str | None) -> str | None:
    """« 59 » from « 59 » or from the process's candidate group « prefecture-59 »."""
    if valeur is None or not valeur.strip():
        return None
    return valeur.strip().removeprefix("prefecture-")


def peut_lire(acteur: Acteur, *, demandeur_id: str, prefecture: str | None, depose: bool) -> bool:
    if acteur.is_service:
        return True
    if acteur.is_applicant:
        return acteur.id == demandeur_id
    return acteur.is_agent and depose and prefecture is not None and prefecture in acteur.prefectures


def verifier_lecture(acteur: Acteur, *, demandeur_id: str, prefecture: str | None, depose: bool) -> None:
    if not peut_lire(acteur, demandeur_id=demandeur_id, prefecture=prefecture, depose=depose):
        raise Introuvable(DOSSIER_INTROUVABLE)


def verifier_ecriture(acteur: Acteur, *, demandeur_id: str, prefecture: str | None, depose: bool) -> None:
    """Only the applicant (directly or through a service) adds or removes their files."""
    verifier_lecture(acteur, demandeur_id=demandeur_id, prefecture=prefecture, depose=depose)
    if acteur.is_agent:
        raise Interdit(RESERVE_AU_DEMANDEUR)


def verifier_service(acteur: Acteur) -> None:
    if not acteur.is_service:
        raise Interdit(RESERVE_AUX_SERVICES)
