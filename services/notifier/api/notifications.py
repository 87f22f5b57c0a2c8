"""Routes of the applicant's notifications: "Mes Notifications", the bell, opening and answering."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query

from contracts.notifier import (
    PAR_PAGE_DEFAUT,
    PAR_PAGE_MAX,
    CompteurNotifications,
    FiltreLecture,
    NotificationDetail,
    OuvertureDemande,
    PageNotifications,
    PieceJointe,
)
from contracts.process import Modele
from plumbing.authentication import CurrentActor
from plumbing.erreurs_requete import refus
from services.notifier.api.views import detail, page
from services.notifier.domain.acces import demandeur_du_compteur, portee
from services.notifier.domain.notifications import Filtre
from services.notifier.usecases import notifications as cas

if TYPE_CHECKING:
    from services.notifier.wiring import NotifierDeps

Demandeur = Annotated[str | None, Query(max_length=64, description="Pour un agent ou un service")]
ParPage = Annotated[int, Query(alias="parPage", ge=1, le=PAR_PAGE_MAX)]


def build_notifications_router(deps: NotifierDeps) -> APIRouter:
    router = APIRouter(prefix="/notifications", tags=["notifications"])
    uow = deps.uow

    @router.get("", response_model=PageNotifications)
    async def lister(
        actor: CurrentActor,
        demandeur: Demandeur = None,
        lecture: FiltreLecture = FiltreLecture.TOUTES,
        type: Modele | None = None,
        page_: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
        par_page: ParPage = PAR_PAGE_DEFAUT,
    ) -> PageNotifications:
        filtre = Filtre(lecture=lecture, type=type, page=page_, par_page=par_page)
        scope = portee(actor, demandeur)
        return page(
            await uow.run_async(
                lambda r: cas.lister_notifications(repositories=r, portee=scope, filtre=filtre)
            )
        )

    @router.get("/compteur", response_model=CompteurNotifications)
    async def compteur(actor: CurrentActor, demandeur: Demandeur = None) -> CompteurNotifications:
        demandeur_id = demandeur_du_compteur(actor, demandeur)
        non_lues = await uow.run_async(
            lambda r: cas.compter_non_lues(repositories=r, demandeur_id=demandeur_id)
        )
        return CompteurNotifications(non_lues=non_lues)

    @router.get("/demandes-de-complement/ouverture", response_model=OuvertureDemande)
    async def ouvrir_demande(
        actor: CurrentActor,
        dossier: Annotated[str, Query(max_length=64)],
        ronde: Annotated[int, Query(ge=1, le=1_000)],
        cloche: Annotated[int, Query(ge=1, le=PAR_PAGE_MAX)] = 5,
    ) -> OuvertureDemande:
        """A complement round's page in one call: its demand opened, then the bell."""
        scope, maintenant = portee(actor), deps.clock.now()
        ouverte = await uow.run_async(
            lambda r: cas.ouvrir_demande_de_la_ronde(
                repositories=r,
                portee=scope,
                dossier_id=dossier,
                ronde=ronde,
                par_le_demandeur=actor.is_applicant,
                maintenant=maintenant,
            )
        )
        deps.committed()
        non_lues = await uow.run_async(lambda r: cas.cloche(repositories=r, portee=scope, nombre=cloche))
        return OuvertureDemande(demande=detail(ouverte) if ouverte else None, cloche=page(non_lues))

    @router.get("/{notification_id}", response_model=NotificationDetail, responses=refus(404))
    async def consulter(notification_id: str, actor: CurrentActor) -> NotificationDetail:
        maintenant = deps.clock.now()
        notification = await uow.run_async(
            lambda r: cas.consulter_notification(
                repositories=r,
                portee=portee(actor),
                notification_id=notification_id,
                par_le_demandeur=actor.is_applicant,
                maintenant=maintenant,
            )
        )
        deps.committed()
        return detail(notification)

    @router.get("/{notification_id}/pieces-jointes", response_model=list[PieceJointe], responses=refus(404))
    async def pieces_jointes(notification_id: str, actor: CurrentActor) -> list[PieceJointe]:
        notification = await uow.run_async(lambda r: cas.visible(r, portee(actor), notification_id))
        return list(notification.pieces_jointes)

    return router
