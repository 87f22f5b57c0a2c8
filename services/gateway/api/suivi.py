"""« Ma demande »: the deposited application, its status and full history (every status with its
date, every document sent and each of its versions, the administration's documents, every
notification), and the withdrawal « Je me désiste » with its confirmation, until the decision."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import Conflict, ServiceUnavailable
from contracts.dossier import DossierVue, Statut
from contracts.notifier import PAR_PAGE_MAX, FiltreLecture, NotificationResume
from contracts.process import Modele
from services.gateway.api.assistant import DossierId
from services.gateway.api.deps import Connecte, FormulairePerime, GatewayDeps, Redirection
from services.gateway.api.formulaire import FormulaireRecu
from services.gateway.api.telechargement import telechargement
from services.gateway.domain.suivi import DOCUMENTS_DE_L_ADMINISTRATION, est_deposee, peut_se_desister


def url_suivi(dossier_id: str) -> str:
    return f"/demande/{dossier_id}/suivi"


def build_suivi_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages

    async def deposee(
        request: Request, dossier_id: str, *, formulaire: bool = False
    ) -> tuple[Connecte, DossierVue]:
        """The applicant's deposited dossier (another's: 404; a draft: the wizard)."""
        connecte = await deps.demandeur(request, formulaire=formulaire)
        dossier = await deps.demandes.dossier(connecte.acteur, dossier_id)
        if not est_deposee(dossier):
            raise Redirection(f"/demande/{dossier.id}")
        return connecte, dossier

    @router.get("/demande/{dossier_id}/suivi")
    async def ma_demande(request: Request, dossier_id: DossierId) -> Response:
        """Three calls: identity's session, the dossier service's bundle (with the documents),
        the notifier's list (the bell is read from it)."""
        connecte = await deps.demandeur(request)
        complet, notifications = await asyncio.gather(
            deps.demandes.complet(connecte.acteur, dossier_id),
            deps.notifications.lister(
                connecte.acteur, lecture=FiltreLecture.TOUTES, page=1, par_page=PAR_PAGE_MAX
            ),
        )
        dossier = complet.dossier
        if not est_deposee(dossier):
            raise Redirection(f"/demande/{dossier.id}")
        if complet.documents_indisponibles:
            raise ServiceUnavailable("Service documents indisponible.")
        visiteur = await deps.cloche_de(connecte, notifications)
        du_dossier = [n for n in notifications.elements if n.dossier_id == dossier_id]
        return pages.render(
            request,
            "demande/suivi.html",
            visiteur=visiteur,
            dossier=dossier,
            historique=complet.historique,
            pieces=complet.pieces,
            generes=complet.documents_generes,
            noms_documents=DOCUMENTS_DE_L_ADMINISTRATION,
            notifications=du_dossier,
            desistement_possible=peut_se_desister(dossier),
            complements_ouverts=dossier.statut is Statut.COMPLEMENTS_DEMANDES,
            demande_complements=derniere_demande(du_dossier),
        )

    @router.get("/demande/{dossier_id}/fichiers/{fichier_id}")
    async def fichier(request: Request, dossier_id: DossierId, fichier_id: DossierId) -> Response:
        """A file the applicant sent, whichever version (the documents service answers 404 otherwise)."""
        connecte = await deps.demandeur(request)
        return telechargement(await deps.justificatifs.fichier(connecte.acteur, dossier_id, fichier_id))

    @router.get("/demande/{dossier_id}/desistement")
    async def confirmer_desistement(request: Request, dossier_id: DossierId) -> Response:
        """« Je me désiste »: asked once more, since the application is then closed for good."""
        connecte, dossier = await deposee(request, dossier_id)
        if not peut_se_desister(dossier):
            return RedirectResponse(url_suivi(dossier_id), status_code=303)
        visiteur = await deps.cloche(connecte)
        return pages.render(request, "demande/desistement.html", visiteur=visiteur, dossier=dossier)

    @router.post("/demande/{dossier_id}/desistement")
    async def se_desister(request: Request, dossier_id: DossierId, form: FormulaireRecu) -> Response:
        connecte, dossier = await deposee(request, dossier_id, formulaire=True)
        if not form.jeton_valide:
            raise FormulairePerime()
        try:
            await deps.demandes.se_desister(connecte.acteur, dossier_id)
        except Conflict as refus:
            erreurs = form.erreurs()
            erreurs.formulaire = refus.detail
            visiteur = await deps.cloche(connecte)
            return pages.render(
                request,
                "demande/desistement.html",
                status=409,
                visiteur=visiteur,
                dossier=dossier,
                erreurs=erreurs,
            )
        return RedirectResponse(url_suivi(dossier_id), status_code=303)

    return router


def derniere_demande(notifications: list[NotificationResume]) -> NotificationResume | None:
    """The latest « Demande de complément » (its round, and its last day once opened)."""
    demandes = [n for n in notifications if n.type is Modele.DEMANDE_COMPLEMENTS]
    return max(demandes, key=lambda n: n.date) if demandes else None
