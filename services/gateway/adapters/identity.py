"""identity's account, session and change-of-situation API (`contracts.clients.identity`), as
`domain.ports.Comptes`."""

from __future__ import annotations

from contracts.clients.identity import IdentityClient, TooManyAttempts
from contracts.identity import (
    ChangementAdresse,
    DeclarationAdresse,
    DemandeConnexion,
    DemandeCreationCompte,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    ReponseMessage,
    SessionCourante,
    SessionOuverte,
)
from plumbing.actors import actor_from_token
from services.gateway.domain.ports import ConnexionBloquee


class IdentityAccounts:
    def __init__(self, client: IdentityClient) -> None:
        self.client = client

    async def creer_compte(self, demande: DemandeCreationCompte) -> ReponseMessage:
        return await self.client.creer_compte(demande)

    async def confirmer_courriel(self, jeton: str) -> ReponseMessage:
        return await self.client.confirmer_courriel(jeton)

    async def creer_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage:
        return await self.client.creer_mot_de_passe(
            demande.jeton, demande.mot_de_passe, demande.confirmation_mot_de_passe
        )

    async def demander_reinitialisation(self, demande: DemandeOubliMotDePasse) -> ReponseMessage:
        return await self.client.demander_reinitialisation(
            demande.identifiant, adresse_client=demande.adresse_client
        )

    async def verifier_lien_reinitialisation(self, jeton: str) -> ReponseMessage:
        return await self.client.verifier_lien_reinitialisation(jeton)

    async def reinitialiser_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage:
        return await self.client.reinitialiser_mot_de_passe(
            demande.jeton, demande.mot_de_passe, demande.confirmation_mot_de_passe
        )

    async def connecter(self, demande: DemandeConnexion) -> SessionOuverte:
        try:
            return await self.client.connecter_demandeur(
                demande.identifiant,
                demande.mot_de_passe,
                adresse_client=demande.adresse_client,
                appareil=demande.appareil,
            )
        except TooManyAttempts as bloquee:
            raise ConnexionBloquee(bloquee.detail) from None

    async def session(self, jeton: str) -> SessionCourante | None:
        return await self.client.session_ou_aucune(jeton)

    async def deconnecter(self, jeton: str) -> None:
        await self.client.deconnecter(jeton)

    async def declarer_adresse(
        self, acteur: str, demandeur_id: str, declaration: DeclarationAdresse
    ) -> ChangementAdresse:
        """As the applicant themself: identity lets no one else declare for their fiche."""
        return await self.client.as_actor(actor_from_token(acteur)).declarer_adresse(
            demandeur_id, declaration
        )

    async def historique_adresses(self, acteur: str, demandeur_id: str) -> list[ChangementAdresse]:
        return await self.client.as_actor(actor_from_token(acteur)).historique_adresses(demandeur_id)
