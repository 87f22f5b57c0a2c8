"""An applicant's fiche and an agent, for whoever may see them."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.identity import Agent, FicheDemandeur
from plumbing.actors import CurrentActor
from services.identity.dependances import Dependances
from services.identity.usecases.fiches import lire_agent, lire_fiche


def build_fiches_router(deps: Dependances) -> APIRouter:
    router = APIRouter(tags=["fiches"])

    @router.get("/demandeurs/{demandeur_id}")
    def fiche(demandeur_id: str, acteur: CurrentActor) -> FicheDemandeur:
        """Le demandeur lui-même, un agent de sa préfecture ou un service ; 404 pour les autres."""
        with deps.transactions() as depots:
            return lire_fiche(depots=depots, acteur=acteur, demandeur_id=demandeur_id)

    @router.get("/agents/{agent_id}")
    def agent(agent_id: str, acteur: CurrentActor) -> Agent:
        """L'agent lui-même, un administrateur ou un service ; 404 pour les autres."""
        with deps.transactions() as depots:
            return lire_agent(depots=depots, acteur=acteur, agent_id=agent_id)

    return router
