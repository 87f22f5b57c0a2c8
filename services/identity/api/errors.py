"""The one table of identity's refusals and their HTTP statuses, answered `{"detail": "<français>"}`."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.identity.domain.erreurs import (
    ActionReservee,
    DonneesInvalides,
    ErreurIdentite,
    IdentifiantsIncorrects,
    Introuvable,
    LienInvalide,
    MotDePasseRefuse,
    SessionInvalide,
    TitreIntrouvable,
    TropDeTentatives,
)

STATUTS: dict[type[ErreurIdentite], int] = {
    DonneesInvalides: 422,
    MotDePasseRefuse: 422,
    TitreIntrouvable: 422,
    LienInvalide: 400,
    IdentifiantsIncorrects: 401,
    SessionInvalide: 401,
    ActionReservee: 403,
    Introuvable: 404,
    TropDeTentatives: 429,
}


def install_errors(app: FastAPI) -> None:
    @app.exception_handler(ErreurIdentite)
    async def refus(_request: Request, erreur: ErreurIdentite) -> JSONResponse:
        statut = next((s for t, s in STATUTS.items() if isinstance(erreur, t)), 400)
        entetes = {"Retry-After": "900"} if statut == 429 else None  # the default lockout: 15 minutes
        return JSONResponse(status_code=statut, content={"detail": erreur.message}, headers=entetes)
