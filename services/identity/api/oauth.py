"""The engine's token endpoint (OAuth 2 client credentials) and the key set that verifies its tokens.

`POST /oauth/token` takes the client's credentials in the form (client_secret_post, as the Camunda
SDK sends them) or in an `Authorization: Basic` header (client_secret_basic, as pyzeebe and zbctl do);
`GET /.well-known/jwks.json` (and `/oauth/jwks`) publishes the public key the engine checks them with.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import unquote_plus

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from services.identity.adapters.emetteur_moteur import EmetteurJetons, RegistreClients

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _erreur(status: int, code: str, description: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": code, "error_description": description},
        status_code=status,
        headers={**NO_STORE, **(headers or {})},
    )


def _identifiants_basic(authorization: str) -> tuple[str, str] | None:
    schema, _, valeur = authorization.partition(" ")
    if schema.lower() != "basic" or not valeur:
        return None
    try:
        client_id, separateur, secret = (
            base64.b64decode(valeur.strip(), validate=True).decode().partition(":")
        )
    except (binascii.Error, UnicodeDecodeError):
        return None
    # RFC 6749 §2.3.1: both parts are form-urlencoded before being joined
    return (unquote_plus(client_id), unquote_plus(secret)) if separateur else None


def build_oauth_router(registre: RegistreClients, emetteur: EmetteurJetons) -> APIRouter:
    router = APIRouter(tags=["jetons du moteur"])

    @router.post(
        "/oauth/token",
        responses={
            400: {"description": "octroi autre que client_credentials (RFC 6749 §5.2)"},
            401: {"description": "client inconnu ou secret faux (RFC 6749 §5.2, invalid_client)"},
        },
    )
    async def token(request: Request) -> JSONResponse:
        formulaire = await request.form()
        champs = {cle: str(valeur) for cle, valeur in formulaire.items() if isinstance(valeur, str)}
        if champs.get("grant_type") != "client_credentials":
            return _erreur(400, "unsupported_grant_type", "Seul l'octroi client_credentials est accepté.")
        basic = _identifiants_basic(request.headers.get("authorization", ""))
        client_id, secret = basic or (champs.get("client_id", ""), champs.get("client_secret", ""))
        client = registre.authentifier(client_id, secret) if client_id and secret else None
        if client is None:
            return _erreur(
                401,
                "invalid_client",
                "Identifiant ou secret du client inconnu.",
                {"WWW-Authenticate": 'Basic realm="moteur"'},
            )
        try:
            jeton = emetteur.jeton(client, champs.get("audience") or None)
        except ValueError:
            return _erreur(400, "invalid_target", "Ce client ne peut pas agir sur les API internes.")
        return JSONResponse(jeton, headers=NO_STORE)

    async def jwks() -> dict[str, Any]:
        return emetteur.jwks()

    router.add_api_route("/.well-known/jwks.json", jwks, methods=["GET"])
    router.add_api_route("/oauth/jwks", jwks, methods=["GET"])

    @router.get("/.well-known/oauth-authorization-server")
    async def metadonnees() -> dict[str, Any]:
        """The server's metadata (RFC 8414), for a client or a resource server configured by the
        issuer alone (Spring's `issuer-uri`, as Camunda 8 reads it): client credentials only."""
        emetteur_url = emetteur.emetteur.rstrip("/")
        return {
            "issuer": emetteur.emetteur,
            "token_endpoint": f"{emetteur_url}/oauth/token",
            "jwks_uri": f"{emetteur_url}/.well-known/jwks.json",
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "response_types_supported": [],  # no authorisation endpoint: no browser flow
        }

    return router
