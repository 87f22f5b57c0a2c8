"""French error bodies of the internal API: domain errors and request validation."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
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

MESSAGES_PYDANTIC = {
    "missing": "Ce champ est obligatoire.",
    "date_from_datetime_parsing": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_parsing": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_type": "Date invalide : format attendu AAAA-MM-JJ.",
    "bool_parsing": "Valeur attendue : oui (true) ou non (false).",
    "bool_type": "Valeur attendue : oui (true) ou non (false).",
    "string_type": "Texte attendu.",
    "int_parsing": "Nombre entier attendu.",
    "int_type": "Nombre entier attendu.",
    "list_type": "Liste attendue.",
    "model_type": "Objet attendu.",
    "model_attributes_type": "Objet attendu.",
    "dict_type": "Objet attendu.",
    "json_invalid": "Le corps de la requête n'est pas un JSON valide.",
}


def message_francais(erreur: dict[str, Any]) -> str:
    contexte = erreur.get("ctx") or {}
    type_erreur = erreur["type"]
    if type_erreur == "enum":
        return f"Valeur non autorisée : choisissez parmi {contexte.get('expected', '')}."
    if type_erreur == "literal_error":
        return f"Valeur non autorisée : choisissez parmi {contexte.get('expected', '')}."
    if type_erreur == "string_too_long":
        return f"Ce champ ne doit pas dépasser {contexte.get('max_length')} caractères."
    if type_erreur == "too_long":
        return f"Au plus {contexte.get('max_length')} éléments."
    if type_erreur in ("greater_than_equal", "greater_than"):
        return f"La valeur doit être au moins {contexte.get('ge', contexte.get('gt'))}."
    if type_erreur in ("less_than_equal", "less_than"):
        return f"La valeur doit être au plus {contexte.get('le', contexte.get('lt'))}."
    return MESSAGES_PYDANTIC.get(type_erreur, "Valeur invalide.")


def _corps(detail: str, **autres: Any) -> dict[str, Any]:
    return {"detail": detail, **autres}


def installer_gestionnaires_erreurs(app: FastAPI) -> None:
    def reponse(status: int, contenu: dict[str, Any]) -> JSONResponse:
        return JSONResponse(status_code=status, content=contenu)

    @app.exception_handler(RequestValidationError)
    async def requete_invalide(_request: Request, exc: RequestValidationError) -> JSONResponse:
        erreurs = [
            {"champ": ".".join(str(p) for p in e["loc"][1:]), "message": message_francais(e)}
            for e in exc.errors()
        ]
        return reponse(422, _corps("La requête contient des données invalides.", erreurs=erreurs))

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
