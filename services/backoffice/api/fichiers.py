"""The dossier's files shown inline beside the task: the documents service checks the agent's
préfecture (another's answers 404); the back-office relays the bytes with their own media type."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from plumbing.dsfr.security import CSP_FICHIER
from services.backoffice.api.deps import BackofficeDeps
from services.backoffice.domain.ports import Fichier

Ident = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
# Shown inline only when the browser renders them itself; anything else is downloaded.
EN_LIGNE = {"application/pdf", "image/jpeg", "image/png", "image/bmp", "image/gif", "image/webp"}


def en_ligne(fichier: Fichier, nom_par_defaut: str) -> Response:
    nom = fichier.nom or nom_par_defaut
    ascii_ = nom.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    disposition = "inline" if fichier.type_media in EN_LIGNE else "attachment"
    headers = {
        "Content-Disposition": f"{disposition}; filename=\"{ascii_}\"; filename*=UTF-8''{quote(nom)}",
        "Content-Security-Policy": CSP_FICHIER,
        "X-Frame-Options": "SAMEORIGIN",
    }
    return Response(fichier.contenu, media_type=fichier.type_media, headers=headers)


def build_fichiers_router(deps: BackofficeDeps) -> APIRouter:
    router = APIRouter(prefix="/dossiers/{dossier_id}")

    @router.get("/fichiers/{fichier_id}")
    async def fichier(request: Request, dossier_id: Ident, fichier_id: Ident) -> Response:
        connecte = await deps.agent(request)
        return en_ligne(await deps.dossiers.fichier(connecte.acteur, dossier_id, fichier_id), "piece")

    @router.get("/documents-generes/{document_id}")
    async def document_genere(request: Request, dossier_id: Ident, document_id: Ident) -> Response:
        connecte = await deps.agent(request)
        lu = await deps.dossiers.document_genere(connecte.acteur, dossier_id, document_id)
        return en_ligne(lu, "document.pdf")

    return router
