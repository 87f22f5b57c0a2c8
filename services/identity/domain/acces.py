"""Who may see an applicant's fiche or an agent: the one access rule of identity's objects.

Anyone else is answered « introuvable » (404), so that identifiers cannot be probed.
"""

from __future__ import annotations

from plumbing.actors import Actor
from services.identity.domain.fiche import Fiche


def peut_voir_fiche(acteur: Actor, fiche: Fiche) -> bool:
    """The applicant themself, an agent of their préfecture, or a service."""
    if acteur.is_applicant:
        return acteur.id == fiche.compte.id
    return acteur.may_instruct(fiche.prefecture)


def peut_voir_agent(acteur: Actor, agent_id: str) -> bool:
    """An agent sees themself; services and administrators see every agent."""
    return (acteur.is_agent and acteur.id == agent_id) or acteur.is_service or "admin" in acteur.roles
