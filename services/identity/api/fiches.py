"""An applicant's fiche and an agent, for whoever may see them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from contracts.identity import Agent, FicheDemandeur
from plumbing.authentication import CurrentActor
from services.identity.api import views
from services.identity.usecases.fiches import lire_agent, lire_fiche

if TYPE_CHECKING:
    from services.identity.wiring import IdentityParts


def build_fiches_router(parts: IdentityParts) -> APIRouter:
    router = APIRouter(tags=["fiches"])
    run = parts.unit_of_work.run

    @router.get("/demandeurs/{demandeur_id}")
    def fiche(demandeur_id: str, acteur: CurrentActor) -> FicheDemandeur:
        """Le demandeur lui-même, un agent de sa préfecture ou un service ; 404 pour les autres."""
        lue = run(lambda d: lire_fiche(depots=d, acteur=acteur, demandeur_id=demandeur_id))
        return views.fiche_demandeur(lue)

    @router.get("/agents/{agent_id}")
    def agent(agent_id: str, acteur: CurrentActor) -> Agent:
        """L'agent lui-même, un administrateur ou un service ; 404 pour les autres."""
        return views.agent(run(lambda d: lire_agent(depots=d, acteur=acteur, agent_id=agent_id)))

    return router
