"""Routes of the e-mails given up (dead letters), for the platform and its administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Path, Query, Response

from contracts.notifier import CourrielEnEchec
from plumbing.authentication import CurrentActor
from plumbing.erreurs_requete import refus
from services.notifier.domain.acces import exiger_administrateur
from services.notifier.usecases.echecs import lister_echecs, rejouer_echec

if TYPE_CHECKING:
    from services.notifier.wiring import NotifierDeps

EchecId = Annotated[int, Path(ge=1, le=2**63 - 1)]  # beyond, no database integer holds it


def build_courriels_router(deps: NotifierDeps) -> APIRouter:
    router = APIRouter(prefix="/courriels", tags=["courriels"])

    @router.get("/echecs", response_model=list[CourrielEnEchec])
    async def echecs(
        actor: CurrentActor, limite: Annotated[int, Query(ge=1, le=500)] = 100
    ) -> list[CourrielEnEchec]:
        exiger_administrateur(actor)
        return await lister_echecs(transactions=deps.uow, limite=limite)

    @router.post("/echecs/{echec_id}/rejeu", status_code=202, responses=refus(404))
    async def rejouer(echec_id: EchecId, actor: CurrentActor) -> Response:
        exiger_administrateur(actor)
        maintenant = deps.clock.now()
        await rejouer_echec(transactions=deps.uow, echec_id=echec_id, rejeu=deps.rejeu, maintenant=maintenant)
        return Response(status_code=202)

    return router
