"""identity's agent sessions (`contracts.clients.identity`) as `domain.ports.Agents`."""

from __future__ import annotations

from contracts.clients.identity import IdentityClient, TooManyAttempts
from contracts.identity import SessionCourante, SessionOuverte
from services.backoffice.domain.ports import ConnexionBloquee


class IdentityAgents:
    def __init__(self, client: IdentityClient) -> None:
        self.client = client

    async def connecter(
        self, identifiant: str, mot_de_passe: str, adresse: str | None, appareil: str | None = None
    ) -> SessionOuverte:
        try:
            return await self.client.connecter_agent(
                identifiant, mot_de_passe, adresse_client=adresse, appareil=appareil
            )
        except TooManyAttempts as bloquee:
            raise ConnexionBloquee(bloquee.detail) from None

    async def session(self, jeton: str) -> SessionCourante | None:
        return await self.client.session_ou_aucune(jeton)

    async def deconnecter(self, jeton: str) -> None:
        await self.client.deconnecter(jeton)
