"""French error bodies of the internal API's domain errors (request validation: `plumbing.web`)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError

from contracts.dossier import TITRE_NON_ELIGIBLE, Manquant, RefusDepot
from services.dossier.adapters.documents import DocumentsIndisponibles
from services.dossier.domain.erreurs import (
    DemandeurNonEligible,
    DepotIncomplet,
    DossierIntrouvable,
    EtatIncompatible,
    SaisieInvalide,
)
from services.dossier.usecases.acces import ActionReservee


def _corps(detail: str, **autres: Any) -> dict[str, Any]:
    return {"detail": detail, **autres}


def installer_gestionnaires_erreurs(app: FastAPI) -> None:
    def reponse(status: int, contenu: dict[str, Any]) -> JSONResponse:
        return JSONResponse(status_code=status, content=contenu)

    @app.exception_handler(DossierIntrouvable)
    async def introuvable(_request: Request, exc: DossierIntrouvable) -> JSONResponse:
        return reponse(404, _corps(exc.message))

    @app.exception_handler(ActionReservee)
    async def reservee(_request: Request, exc: ActionReservee) -> JSONResponse:
        return reponse(403, _corps(exc.message))

    @app.exception_handler(EtatIncompatible)
    async def incompatible(_request: Request, exc: EtatIncompatible) -> JSONResponse:
        return reponse(409, _corps(exc.message))

    @app.exception_handler(SaisieInvalide)
    async def saisie(_request: Request, exc: SaisieInvalide) -> JSONResponse:
        erreurs = [{"champ": e.champ, "message": e.message} for e in exc.erreurs]
        extra = {"titre": TITRE_NON_ELIGIBLE} if isinstance(exc, DemandeurNonEligible) else {}
        return reponse(422, _corps(exc.message, erreurs=erreurs, **extra))

    @app.exception_handler(DepotIncomplet)
    async def incomplet(_request: Request, exc: DepotIncomplet) -> JSONResponse:
        manquants = [Manquant(etape=m.etape, champ=m.champ, libelle=m.libelle) for m in exc.manquants]
        return reponse(422, RefusDepot(detail=exc.message, manquants=manquants).model_dump(mode="json"))

    @app.exception_handler(DocumentsIndisponibles)
    async def documents(_request: Request, _exc: DocumentsIndisponibles) -> JSONResponse:
        message = "Le service des justificatifs est momentanément indisponible. Veuillez réessayer."
        return reponse(503, _corps(message))

    @app.exception_handler(IntegrityError)
    async def conflit(_request: Request, _exc: IntegrityError) -> JSONResponse:
        return reponse(
            409, _corps("La demande a été modifiée en même temps par ailleurs : veuillez réessayer.")
        )
