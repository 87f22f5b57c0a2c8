"""Business errors to HTTP answers `{"detail": "<message en français>"}` with the right status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.documents.domain.erreurs import (
    Conflit,
    ErreurDocuments,
    FichierIllisible,
    FichierTropVolumineux,
    FormatRefuse,
    Interdit,
    Introuvable,
    Invalide,
)
from services.documents.domain.stockage import ContenuIntrouvable

log = logging.getLogger(__name__)

STATUTS: dict[type[ErreurDocuments], int] = {
    Introuvable: 404,
    Interdit: 403,
    Conflit: 409,
    Invalide: 422,
    FormatRefuse: 415,
    FichierTropVolumineux: 413,
    FichierIllisible: 422,
}
CONTENU_INDISPONIBLE = "Le fichier est momentanément indisponible. Veuillez réessayer plus tard."


def installer_erreurs(app: FastAPI) -> None:
    @app.exception_handler(ErreurDocuments)
    async def erreur_metier(_request: Request, error: ErreurDocuments) -> JSONResponse:
        return JSONResponse(status_code=STATUTS.get(type(error), 400), content={"detail": error.message})

    @app.exception_handler(ContenuIntrouvable)
    async def contenu_perdu(_request: Request, _error: ContenuIntrouvable) -> JSONResponse:
        log.error("contenu introuvable dans le stockage des fichiers")
        return JSONResponse(status_code=503, content={"detail": CONTENU_INDISPONIBLE})
