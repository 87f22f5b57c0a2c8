"""The one access rule of the dossier: its applicant; an agent of its préfecture once deposited."""

from __future__ import annotations

from typing import Protocol

from services.dossier.domain.dossier import Dossier


class Acteur(Protocol):
    """Who acts (`plumbing.actors.Actor`), as the rule reads it."""

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

    def may_instruct(self, prefecture: str) -> bool: ...


def peut_voir(dossier: Dossier, acteur: Acteur) -> bool:
    """Anyone else is answered « Dossier introuvable » (404), so that ids cannot be probed."""
    if acteur.is_applicant:
        return dossier.demandeur_id == acteur.id
    if acteur.is_agent:
        return dossier.est_depose and acteur.may_instruct(dossier.prefecture)
    return acteur.is_service
