"""The one access rule of the dossier: its applicant; an agent of its préfecture once deposited."""

from __future__ import annotations

from plumbing.actors import Actor
from services.dossier.domain.dossier import Dossier


def peut_voir(dossier: Dossier, acteur: Actor) -> bool:
    """Anyone else is answered « Dossier introuvable » (404), so that ids cannot be probed."""
    if acteur.is_applicant:
        return dossier.demandeur_id == acteur.id
    if acteur.is_agent:
        return dossier.est_depose and acteur.may_instruct(dossier.prefecture)
    return acteur.is_service
