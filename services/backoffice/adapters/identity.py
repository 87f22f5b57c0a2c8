"""identity's agent sessions (`contracts.clients.identity`) as `domain.ports.Agents`."""

from __future__ import annotations

from contracts.clients.base import RequestRefused
from contracts.clients.identity import IdentityClient, TooManyAttempts, Unauthenticated
from contracts.identity import SessionCourante, SessionOuverte
from services.backoffice.domain.ports import ConnexionBloquee


class IdentityAgents:
    def __init__(self, client: IdentityClient) -> None:
        self.client = client

    async def connecter(self, identifiant: str, mot_de_passe: str, adresse: str | None) -> SessionOuverte:
        try:
            return await self.client.connecter_agent(identifiant, mot_de_passe, adresse_client=adresse)
        except TooManyAttempts as bloquee:
            raise ConnexionBloquee(bloquee.detail) from None

    async def session(self, jeton: str) -> SessionCourante | None:
        try:
            return await self.client.session_courante(jeton)
        except Unauthenticated:
            return None
        except RequestRefused as refus:
            if refus.status in (400, 422):  # a cookie identity cannot even read
                return None
            raise

    async def deconnecter(self, jeton: str) -> None:
        await self.client.deconnecter(jeton)
