"""An applicant's fiche, their declared moves, and an agent, for whoever may see them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from contracts.identity import Agent, ChangementAdresse, DeclarationAdresse, FicheDemandeur
from plumbing.authentication import CurrentActor
from plumbing.erreurs_requete import refus
from services.identity.api import views
from services.identity.usecases.fiches import lire_agent, lire_fiche
from services.identity.usecases.situation import historique_adresses

if TYPE_CHECKING:
    from services.identity.wiring import IdentityParts


def build_fiches_router(parts: IdentityParts) -> APIRouter:
    router = APIRouter(tags=["fiches"], responses=refus(404))
    run = parts.unit_of_work.run

    @router.get("/demandeurs/{demandeur_id}")
    def fiche(demandeur_id: str, acteur: CurrentActor) -> FicheDemandeur:
        """Le demandeur lui-même, un agent de sa préfecture ou un service ; 404 pour les autres."""
        lue = run(lambda d: lire_fiche(depots=d, acteur=acteur, demandeur_id=demandeur_id))
        return views.fiche_demandeur(lue)

    @router.post("/demandeurs/{demandeur_id}/adresses", status_code=201, responses=refus(503))
    async def declarer(
        demandeur_id: str, declaration: DeclarationAdresse, acteur: CurrentActor
    ) -> ChangementAdresse:
        """« Je déclare un changement de situation » : le demandeur lui-même seulement ; 404 sinon.
        Le justificatif doit être un des fichiers du demandeur au service documents (il est scellé)."""
        declaree = await parts.declarations.declarer(
            acteur=acteur, demandeur_id=demandeur_id, declaration=declaration
        )
        return views.changement_adresse(declaree)

    @router.get("/demandeurs/{demandeur_id}/adresses")
    def adresses(demandeur_id: str, acteur: CurrentActor) -> list[ChangementAdresse]:
        """L'historique daté des adresses déclarées, le plus récent d'abord (qui peut voir la fiche)."""
        lus = run(lambda d: historique_adresses(depots=d, acteur=acteur, demandeur_id=demandeur_id))
        return [views.changement_adresse(c) for c in lus]

    @router.get("/agents/{agent_id}")
    def agent(agent_id: str, acteur: CurrentActor) -> Agent:
        """L'agent lui-même, un administrateur ou un service ; 404 pour les autres."""
        return views.agent(run(lambda d: lire_agent(depots=d, acteur=acteur, agent_id=agent_id)))

    return router
