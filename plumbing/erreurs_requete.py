"""French messages for what FastAPI, Starlette and pydantic refuse before a handler runs.

Without them a caller would read "Field required", "Not Found" or "Invalid multipart data":
every internal API answers `{"detail": "<français>"}`, with `erreurs: [{champ, message}]` for
fields, whatever refused the request.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field

DONNEES_INVALIDES = "La requête contient des données invalides."
JSON_INVALIDE = "Le corps de la requête n'est pas un JSON valide."
ERREUR_INTERNE = "Une erreur interne est survenue. Veuillez réessayer plus tard."

MESSAGES_PYDANTIC = {
    "missing": "Ce champ est obligatoire.",
    "date_from_datetime_parsing": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_from_datetime_inexact": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_parsing": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_type": "Date invalide : format attendu AAAA-MM-JJ.",
    "datetime_parsing": "Date et heure invalides : format attendu AAAA-MM-JJTHH:MM:SS.",
    "datetime_from_date_parsing": "Date et heure invalides : format attendu AAAA-MM-JJTHH:MM:SS.",
    "datetime_type": "Date et heure invalides : format attendu AAAA-MM-JJTHH:MM:SS.",
    "bool_parsing": "Valeur attendue : oui (true) ou non (false).",
    "bool_type": "Valeur attendue : oui (true) ou non (false).",
    "string_type": "Texte attendu.",
    "string_unicode": "Texte attendu.",
    "string_pattern_mismatch": "Le format de ce champ n'est pas valide.",
    "int_parsing": "Nombre entier attendu.",
    "int_parsing_size": "Nombre trop grand.",
    "int_type": "Nombre entier attendu.",
    "int_from_float": "Nombre entier attendu.",
    "float_parsing": "Nombre attendu.",
    "float_type": "Nombre attendu.",
    "list_type": "Liste attendue.",
    "model_type": "Objet attendu.",
    "model_attributes_type": "Objet attendu.",
    "dict_type": "Objet attendu.",
    "extra_forbidden": "Ce champ n'est pas attendu.",
    "uuid_parsing": "Identifiant invalide.",
    "uuid_type": "Identifiant invalide.",
    "json_invalid": JSON_INVALIDE,
    "value_error": "Valeur invalide.",
}

MESSAGES_HTTP = {
    HTTPStatus.BAD_REQUEST: "Requête invalide.",
    HTTPStatus.UNAUTHORIZED: "Authentification requise.",
    HTTPStatus.FORBIDDEN: "Accès refusé.",
    HTTPStatus.NOT_FOUND: "Ressource introuvable.",
    HTTPStatus.METHOD_NOT_ALLOWED: "Méthode non autorisée pour cette ressource.",
    HTTPStatus.NOT_ACCEPTABLE: "Format de réponse non disponible.",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "La requête est trop volumineuse.",
    HTTPStatus.UNSUPPORTED_MEDIA_TYPE: "Type de contenu non accepté.",
    HTTPStatus.INTERNAL_SERVER_ERROR: ERREUR_INTERNE,
}
"""Starlette's default details (the status phrase in English), by status."""

FORMULAIRE_ILLISIBLE = "Le formulaire envoyé est mal formé ou trop volumineux."
MESSAGES_STARLETTE = {
    "There was an error parsing the body": "Le corps de la requête est illisible.",
    "Invalid multipart data": FORMULAIRE_ILLISIBLE,
    "Missing boundary in multipart": FORMULAIRE_ILLISIBLE,
    "Field exceeded maximum size": FORMULAIRE_ILLISIBLE,
    "Part exceeded maximum size": FORMULAIRE_ILLISIBLE,
    "Too many fields": FORMULAIRE_ILLISIBLE,
    "Too many files": FORMULAIRE_ILLISIBLE,
    'The Content-Disposition header field "name" must be provided': FORMULAIRE_ILLISIBLE,
}
"""Other English details Starlette and FastAPI raise while reading a body, by their beginning."""


def _choix(contexte: dict[str, Any]) -> str:
    return str(contexte.get("expected", "")).replace(" or ", " ou ")


def message_francais(erreur: dict[str, Any]) -> str:
    """The French message of one pydantic error (`RequestValidationError.errors()` item)."""
    contexte = erreur.get("ctx") or {}
    type_erreur = erreur["type"]
    if type_erreur in ("enum", "literal_error"):
        return f"Valeur non autorisée : choisissez parmi {_choix(contexte)}."
    if type_erreur == "string_too_long":
        return f"Ce champ ne doit pas dépasser {contexte.get('max_length')} caractères."
    if type_erreur == "string_too_short":
        minimum = contexte.get("min_length")
        return "Ce champ est obligatoire." if minimum == 1 else f"Au moins {minimum} caractères."
    if type_erreur == "too_long":
        return f"Au plus {contexte.get('max_length')} éléments."
    if type_erreur == "too_short":
        return f"Au moins {contexte.get('min_length')} éléments."
    if type_erreur in ("greater_than_equal", "greater_than"):
        return f"La valeur doit être au moins {contexte.get('ge', contexte.get('gt'))}."
    if type_erreur in ("less_than_equal", "less_than"):
        return f"La valeur doit être au plus {contexte.get('le', contexte.get('lt'))}."
    return MESSAGES_PYDANTIC.get(type_erreur, "Valeur invalide.")


def erreurs_francaises(erreurs: list[Any]) -> list[dict[str, str]]:
    """`[{champ, message}]`: the field's path without its location (`body`, `query`, ...)."""
    return [
        {"champ": ".".join(str(p) for p in e["loc"][1:]), "message": message_francais(e)} for e in erreurs
    ]


def json_invalide(erreurs: list[Any]) -> bool:
    return any(e.get("type") == "json_invalid" for e in erreurs)


def detail_http(status: int, detail: Any) -> Any:
    """A detail Starlette wrote in English becomes French; our own details pass unchanged."""
    if isinstance(detail, str):
        anglais = next((debut for debut in MESSAGES_STARLETTE if detail.startswith(debut)), None)
        if anglais is not None:
            return MESSAGES_STARLETTE[anglais]
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            return detail
        if detail == phrase:
            return MESSAGES_HTTP.get(HTTPStatus(status), detail)
    return detail


class Erreur(BaseModel):
    """Le corps de tout refus d'une API interne."""

    detail: str = Field(description="Ce qui ne va pas, en français")


class ChampInvalide(BaseModel):
    champ: str = Field(description="Le chemin du champ refusé (`adresse.codePostal`), vide pour le corps")
    message: str


class ErreurDonnees(Erreur):
    """Des données refusées : chaque champ en cause, s'il y en a, et pourquoi."""

    erreurs: list[ChampInvalide] = Field(default_factory=list)


DESCRIPTIONS_REFUS = {
    400: "Requête invalide : corps illisible ou JSON mal formé.",
    401: "Authentification interne requise.",
    403: "Accès refusé : l'acteur est inconnu, mal formé ou n'a pas ce droit.",
    404: "Ressource introuvable, ou que l'acteur n'a pas le droit de voir.",
    409: "L'état de la ressource ne permet pas cette action.",
    413: "Fichier ou requête trop volumineux.",
    415: "Format de fichier non accepté.",
    422: "Données invalides : `erreurs` nomme chaque champ refusé.",
    429: "Trop de tentatives : réessayer plus tard (`Retry-After`).",
    502: "Un service de la plateforme a refusé la demande.",
    503: "Un service de la plateforme est momentanément indisponible : réessayer.",
}


def refus(*statuts: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route, a router or an app: the statuses it may refuse with, each with its
    French body (`{"detail": ...}`, and `erreurs` for 422), so that its OpenAPI document says it."""
    return {
        statut: {
            "model": ErreurDonnees if statut == HTTPStatus.UNPROCESSABLE_ENTITY else Erreur,
            "description": DESCRIPTIONS_REFUS.get(statut) or HTTPStatus(statut).phrase,
        }
        for statut in statuts
    }
