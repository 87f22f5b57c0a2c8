"""Refusals of the rules become French answers with the right status."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from plumbing.actors import Actor, CurrentActor
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


def installer_erreurs(app: FastAPI) -> None:
    @app.exception_handler(ErreurIdentite)
    async def refus(_request: Request, erreur: ErreurIdentite) -> JSONResponse:
        statut = next((s for t, s in STATUTS.items() if isinstance(erreur, t)), 400)
        entetes = {"Retry-After": "900"} if statut == 429 else None
        return JSONResponse(status_code=statut, content={"detail": erreur.message}, headers=entetes)


def exiger_service(acteur: CurrentActor) -> Actor:
    """Account and session endpoints are called by the gateway or back-office for a visitor."""
    if not acteur.is_service:
        raise HTTPException(status_code=403, detail=ActionReservee.message)
    return acteur


ActeurService = Annotated[Actor, Depends(exiger_service)]
