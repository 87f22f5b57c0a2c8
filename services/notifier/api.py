"""The notifier's internal API: the applicant's notifications, and the e-mails given up."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response

from contracts.notifier import (
    PAR_PAGE_DEFAUT,
    PAR_PAGE_MAX,
    CompteurNotifications,
    CourrielEnEchec,
    FiltreLecture,
    NotificationDetail,
    NotificationResume,
    PageNotifications,
    PieceJointe,
)
from contracts.process import Modele
from plumbing.actors import Actor, CurrentActor
from services.notifier.dependances import Dependances
from services.notifier.domain.notifications import (
    Filtre,
    Notification,
    NotificationIntrouvable,
    Page,
    ReponseImpossible,
)
from services.notifier.domain.ports import Portee
from services.notifier.usecases import notifications as cas

Demandeur = Annotated[str | None, Query(max_length=64, description="Pour un agent ou un service")]


def portee(actor: Actor, demandeur: str | None = None) -> Portee:
    """An applicant sees their own notifications, an agent those of their préfectures."""
    if actor.is_applicant:
        return Portee(demandeur_id=actor.id)
    if actor.is_agent:
        prefectures = actor.prefectures | {f"prefecture-{p}" for p in actor.prefectures}
        return Portee(demandeur_id=demandeur, prefectures=frozenset(prefectures))
    return Portee(demandeur_id=demandeur)


def detail(n: Notification) -> NotificationDetail:
    return NotificationDetail.model_validate(n, from_attributes=True)


def page(p: Page) -> PageNotifications:
    elements = [NotificationResume.model_validate(n, from_attributes=True) for n in p.elements]
    return PageNotifications(
        elements=elements, total=p.total, page=p.page, par_page=p.par_page, pages=p.pages
    )


def introuvable() -> HTTPException:
    return HTTPException(status_code=404, detail="Notification introuvable.")


def build_api_router(deps: Dependances) -> APIRouter:
    router = APIRouter(prefix="/notifications", tags=["notifications"])

    @router.get("", response_model=PageNotifications)
    def lister(
        actor: CurrentActor,
        demandeur: Demandeur = None,
        lecture: FiltreLecture = FiltreLecture.TOUTES,
        type: Modele | None = None,
        page_: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
        par_page: Annotated[int, Query(ge=1, le=PAR_PAGE_MAX)] = PAR_PAGE_DEFAUT,
    ) -> PageNotifications:
        filtre = Filtre(lecture=lecture, type=type, page=page_, par_page=par_page)
        with deps.unite() as unite:
            return page(cas.lister_notifications(unite=unite, portee=portee(actor, demandeur), filtre=filtre))

    @router.get("/compteur", response_model=CompteurNotifications)
    def compteur(actor: CurrentActor, demandeur: Demandeur = None) -> CompteurNotifications:
        if actor.is_agent:
            raise HTTPException(status_code=403, detail="Réservé au demandeur et à la plateforme.")
        demandeur_id = actor.id if actor.is_applicant else demandeur
        if not demandeur_id:
            raise HTTPException(status_code=422, detail="Précisez le demandeur.")
        with deps.unite() as unite:
            return CompteurNotifications(
                non_lues=cas.compter_non_lues(unite=unite, demandeur_id=demandeur_id)
            )

    @router.get("/{notification_id}", response_model=NotificationDetail)
    def consulter(notification_id: str, actor: CurrentActor) -> NotificationDetail:
        try:
            with deps.unite() as unite:
                notification = cas.consulter_notification(
                    unite=unite,
                    portee=portee(actor),
                    notification_id=notification_id,
                    par_le_demandeur=actor.is_applicant,
                    maintenant=deps.horloge(),
                )
        except NotificationIntrouvable:
            raise introuvable() from None
        deps.signaler_message()
        deps.signaler_outbox()
        return detail(notification)

    @router.post("/{notification_id}/reponse", response_model=NotificationDetail)
    def repondre(notification_id: str, actor: CurrentActor) -> NotificationDetail:
        if actor.is_agent:
            raise HTTPException(status_code=403, detail="Seul le demandeur peut répondre à une notification.")
        try:
            with deps.unite() as unite:
                notification = cas.repondre_notification(
                    unite=unite,
                    portee=portee(actor),
                    notification_id=notification_id,
                    maintenant=deps.horloge(),
                )
        except NotificationIntrouvable:
            raise introuvable() from None
        except ReponseImpossible as error:
            raise HTTPException(status_code=409, detail=str(error)) from None
        deps.signaler_outbox()
        return detail(notification)

    @router.get("/{notification_id}/pieces-jointes", response_model=list[PieceJointe])
    def pieces_jointes(notification_id: str, actor: CurrentActor) -> list[PieceJointe]:
        try:
            with deps.unite() as unite:
                return list(cas.visible(unite, portee(actor), notification_id).pieces_jointes)
        except NotificationIntrouvable:
            raise introuvable() from None

    return router


def build_courriels_router(deps: Dependances) -> APIRouter:
    """Dead letters, for the platform and its administrators."""
    router = APIRouter(prefix="/courriels", tags=["courriels"])

    def administrateur(actor: Actor) -> None:
        if not (actor.is_service or (actor.is_agent and "admin" in actor.roles)):
            raise HTTPException(status_code=403, detail="Accès réservé aux administrateurs.")

    @router.get("/echecs", response_model=list[CourrielEnEchec])
    def echecs(
        actor: CurrentActor, limite: Annotated[int, Query(ge=1, le=500)] = 100
    ) -> list[CourrielEnEchec]:
        administrateur(actor)
        return deps.registre.en_echec(limite)

    @router.post("/echecs/{echec_id}/rejeu", status_code=202)
    async def rejouer(echec_id: Annotated[int, Path(ge=1, le=2**63 - 1)], actor: CurrentActor) -> Response:
        administrateur(actor)
        a_rejouer = await asyncio.to_thread(deps.registre.a_rejouer, echec_id)
        if a_rejouer is None or deps.rejouer_courriel is None:
            raise HTTPException(status_code=404, detail="Courriel en échec introuvable ou déjà rejoué.")
        await deps.rejouer_courriel(echec_id, *a_rejouer)
        await asyncio.to_thread(deps.registre.rejoue, echec_id, deps.horloge())
        return Response(status_code=202)

    return router
