"""identity's account and session API, as `domain.ports.Comptes`.

Until `contracts/clients/identity.py` exists, the routes are called here through the shared
`InternalApiClient` (same error policy); the pages only see `Comptes`.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from contracts.clients.base import InternalApiClient, RequestRefused, ServiceUnavailable, parse
from contracts.identity import (
    SESSION_HEADER,
    DemandeConnexion,
    DemandeCreationCompte,
    DemandeJeton,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    ReponseMessage,
    SessionCourante,
    SessionOuverte,
)
from plumbing.actors import internal_headers
from services.gateway.domain.ports import ConnexionBloquee


class IdentityAccounts(InternalApiClient):
    service = "identity"

    async def creer_compte(self, demande: DemandeCreationCompte) -> ReponseMessage:
        return await self.send_model("POST", ReponseMessage, "/comptes", demande)

    async def confirmer_courriel(self, jeton: str) -> ReponseMessage:
        return await self.send_model(
            "POST", ReponseMessage, "/comptes/confirmation", DemandeJeton(jeton=jeton)
        )

    async def creer_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage:
        return await self.send_model("POST", ReponseMessage, "/comptes/mot-de-passe", demande)

    async def demander_reinitialisation(self, demande: DemandeOubliMotDePasse) -> ReponseMessage:
        return await self.send_model("POST", ReponseMessage, "/mots-de-passe/oubli", demande)

    async def verifier_lien_reinitialisation(self, jeton: str) -> ReponseMessage:
        url = "/mots-de-passe/reinitialisation/verification"
        return await self.send_model("POST", ReponseMessage, url, DemandeJeton(jeton=jeton))

    async def reinitialiser_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage:
        return await self.send_model("POST", ReponseMessage, "/mots-de-passe/reinitialisation", demande)

    async def connecter(self, demande: DemandeConnexion) -> SessionOuverte:
        body = demande.model_dump(mode="json", by_alias=True)
        try:
            response = await self.http.post(
                "/sessions", json=body, headers=internal_headers(self.token, self.actor)
            )
        except httpx.HTTPError:
            raise ServiceUnavailable("Service identity injoignable.") from None
        if response.status_code == 429:  # the base client would call this "unavailable"
            raise ConnexionBloquee(_detail(response) or "Trop de tentatives.")
        if response.status_code >= 500:
            raise ServiceUnavailable(f"Service identity en échec (HTTP {response.status_code}).")
        if response.status_code >= 400:
            detail = _detail(response) or "Identifiant ou mot de passe incorrect."
            raise RequestRefused(response.status_code, detail)
        return parse(SessionOuverte, response)

    async def session(self, jeton: str) -> SessionCourante | None:
        try:
            return await self.get_model(SessionCourante, "/sessions/current", auth=_jeton(jeton))
        except RequestRefused as refus:
            if refus.status in (400, 401, 404, 422):
                return None
            raise

    async def deconnecter(self, jeton: str) -> None:
        await self.request("DELETE", "/sessions/current", auth=_jeton(jeton))


def _jeton(jeton: str) -> Callable[[httpx.Request], httpx.Request]:
    """The session token in identity's header (the base client already sets the others)."""

    def ajouter(request: httpx.Request) -> httpx.Request:
        request.headers[SESSION_HEADER] = jeton
        return request

    return ajouter


def _detail(response: httpx.Response) -> str | None:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return None
    return detail if isinstance(detail, str) else None
