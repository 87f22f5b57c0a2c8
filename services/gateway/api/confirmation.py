"""Step 5, « Confirmation »: waiting for the N° demande the process assigns and for the
confirmation PDF it generates, then offering the PDF and saying the e-mail goes out.

Without JavaScript the page says the deposit is being registered and offers « Actualiser la page »;
with it, a small script asks `…/confirmation/etat` every few seconds and reloads once it is ready.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from contracts.dossier import DossierVue, Statut
from contracts.process import Modele
from services.gateway.api.assistant import DossierId
from services.gateway.api.deps import Connecte, GatewayDeps
from services.gateway.api.telechargement import telechargement
from services.gateway.domain.demande import ETAPES

SCRIPT_ATTENTE = (Path(__file__).parent.parent / "templates" / "demande" / "attente.js").read_text()


def build_confirmation_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()

    async def etat(connecte: Connecte, dossier_id: str) -> tuple[DossierVue, str | None]:
        """The deposited dossier and the id of its confirmation PDF, once there is one."""
        dossier = await deps.demandes.dossier(connecte.acteur, dossier_id)
        if dossier.statut in (Statut.BROUILLON, Statut.ABANDONNEE) or dossier.numero_demande is None:
            return dossier, None
        generes = await deps.justificatifs.documents_generes(connecte.acteur, dossier_id)
        confirmation = next((d for d in generes if d.modele is Modele.CONFIRMATION_DEPOT), None)
        return dossier, confirmation.id if confirmation else None

    @router.get("/demande/{dossier_id}/confirmation")
    async def confirmation(request: Request, dossier_id: DossierId) -> Response:
        connecte = await deps.demandeur(request)
        dossier, document_id = await etat(connecte, dossier_id)
        if dossier.statut in (Statut.BROUILLON, Statut.ABANDONNEE):
            return RedirectResponse(f"/demande/{dossier_id}", status_code=303)
        visiteur = await deps.cloche(connecte)
        return deps.pages.render(
            request,
            "demande/confirmation.html",
            visiteur=visiteur,
            dossier=dossier,
            document_id=document_id,
            etape=5,
            etapes=ETAPES,
        )

    @router.get("/demande/{dossier_id}/confirmation/etat")
    async def pret(request: Request, dossier_id: DossierId) -> Response:
        """For the waiting page's script: is the N° demande there, and the PDF?"""
        _, document_id = await etat(await deps.demandeur(request), dossier_id)
        return JSONResponse({"pret": document_id is not None})

    @router.get("/demande/{dossier_id}/documents/{document_id}")
    async def document(request: Request, dossier_id: DossierId, document_id: DossierId) -> Response:
        """A generated PDF of the applicant's dossier (the documents service answers 404 otherwise)."""
        connecte = await deps.demandeur(request)
        return telechargement(
            await deps.justificatifs.document_genere(connecte.acteur, dossier_id, document_id)
        )

    @router.get("/static/gateway/attente.js")
    async def script() -> Response:
        return Response(
            SCRIPT_ATTENTE, media_type="text/javascript", headers={"Cache-Control": "max-age=3600"}
        )

    return router
