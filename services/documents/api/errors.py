"""The one table of the service's errors → HTTP answers `{"detail": "<message en français>"}`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
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
from services.documents.domain.ports import BlobNotFound

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
Handler = Callable[[Request, Exception], Awaitable[Response]]


async def erreur_metier(_request: Request, error: Exception) -> Response:
    assert isinstance(error, ErreurDocuments)
    return JSONResponse(status_code=STATUTS.get(type(error), 400), content={"detail": error.message})


async def contenu_perdu(_request: Request, _error: Exception) -> Response:
    """A row points at a content the blob store does not have: the operators must know, the user may retry."""
    log.error("contenu introuvable dans le stockage des fichiers")
    return JSONResponse(status_code=503, content={"detail": CONTENU_INDISPONIBLE})


EXCEPTION_HANDLERS: dict[type[Exception], Handler] = {
    ErreurDocuments: erreur_metier,
    BlobNotFound: contenu_perdu,
}
"""Given to `plumbing.web.create_app`, which installs them next to its own."""
