"""Client of the identity service's internal API (models in `contracts.identity`).

The applicant site and the back-office call it as a service (`service:gateway`,
`service:backoffice`) on behalf of a visitor, whose session token travels in `X-Jeton-Session`;
reading a fiche or an agent may be done as the person themself (`as_actor`).

Refusals to explain to the visitor (the `detail` is the French sentence to show):
- `Unauthenticated` (401): wrong identifier or password, or the session has expired;
- `TooManyAttempts` (429): too many failures, try again in a few minutes;
- `RequestRefused` 400: a link that is no longer valid; 422: data the rules refuse (a title
  unknown to the register, a password that does not follow the rule...);
- `NotFound` (404): absent, or not visible to this actor.
Requests built from the visitor's strings are not validated here but by the service, so that
every refusal comes back the same way, with its French message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from contracts.clients.base import InternalApiClient, RequestRefused, path
from contracts.identity import (
    SESSION_HEADER,
    Agent,
    ChangementAdresse,
    DeclarationAdresse,
    DemandeConnexion,
    DemandeCreationCompte,
    DemandeJeton,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    FicheDemandeur,
    ReponseMessage,
    SessionCourante,
    SessionOuverte,
    SessionResume,
    SessionsFermees,
)


class Unauthenticated(RequestRefused):
    """401: identifier or password incorrect, or session expired: ask the visitor to log in."""


class TooManyAttempts(RequestRefused):
    """429: the identifier or the visitor's address is locked for a few minutes."""


class IdentityClient(InternalApiClient):
    service = "identity"
    refusals: ClassVar[Mapping[int, type[RequestRefused]]] = {401: Unauthenticated, 429: TooManyAttempts}

    # Account creation (seed: « Première visite »), then the e-mailed link, then the password.

    async def creer_compte(self, demande: DemandeCreationCompte) -> ReponseMessage:
        """Same answer whether or not the title already has an account (no account probing)."""
        return await self.send_model("POST", ReponseMessage, "/comptes", demande)

    async def confirmer_courriel(self, jeton: str) -> ReponseMessage:
        return await self.send_model(
            "POST", ReponseMessage, "/comptes/confirmation", DemandeJeton.model_construct(jeton=jeton)
        )

    async def creer_mot_de_passe(self, jeton: str, mot_de_passe: str, confirmation: str) -> ReponseMessage:
        """With the confirmation link: the account becomes active."""
        demande = _mot_de_passe(jeton, mot_de_passe, confirmation)
        return await self.send_model("POST", ReponseMessage, "/comptes/mot-de-passe", demande)

    # « Mot de passe oublié ? »

    async def demander_reinitialisation(
        self, identifiant: str, *, adresse_client: str | None = None
    ) -> ReponseMessage:
        """Same answer whatever the identifier; the link goes to the account's own address."""
        demande = DemandeOubliMotDePasse.model_construct(
            identifiant=identifiant, adresse_client=adresse_client
        )
        return await self.send_model("POST", ReponseMessage, "/mots-de-passe/oubli", demande)

    async def verifier_lien_reinitialisation(self, jeton: str) -> ReponseMessage:
        """Before showing the new-password form: `RequestRefused` (400) when the link is spent."""
        url = "/mots-de-passe/reinitialisation/verification"
        return await self.send_model("POST", ReponseMessage, url, DemandeJeton.model_construct(jeton=jeton))

    async def reinitialiser_mot_de_passe(
        self, jeton: str, mot_de_passe: str, confirmation: str
    ) -> ReponseMessage:
        """Every session of the account is closed."""
        demande = _mot_de_passe(jeton, mot_de_passe, confirmation)
        return await self.send_model("POST", ReponseMessage, "/mots-de-passe/reinitialisation", demande)

    # Logging in, and the session behind the visitor's cookie.

    async def connecter_demandeur(
        self,
        identifiant: str,
        mot_de_passe: str,
        *,
        adresse_client: str | None = None,
        appareil: str | None = None,
    ) -> SessionOuverte:
        """N° étranger (or e-mail when there is none) and password; keep `jeton` in a cookie, and
        `appareil` in a long-lived one to send back with the next sign-ins from this browser."""
        demande = _connexion(identifiant, mot_de_passe, adresse_client, appareil)
        return await self.send_model("POST", SessionOuverte, "/sessions", demande)

    async def connecter_agent(
        self,
        identifiant: str,
        mot_de_passe: str,
        *,
        adresse_client: str | None = None,
        appareil: str | None = None,
    ) -> SessionOuverte:
        demande = _connexion(identifiant, mot_de_passe, adresse_client, appareil)
        return await self.send_model("POST", SessionOuverte, "/agents/sessions", demande)

    async def session_courante(self, jeton_session: str) -> SessionCourante:
        """Who holds this token (its inactivity deadline is pushed back); `Unauthenticated` if expired."""
        return await self.get_model(SessionCourante, "/sessions/current", headers=_session(jeton_session))

    async def session_ou_aucune(self, jeton_session: str) -> SessionCourante | None:
        """`session_courante`, or None for a token that is expired, closed or unreadable (a cookie
        the browser kept or someone typed): what a site needs to decide "signed in or not"."""
        try:
            return await self.session_courante(jeton_session)
        except Unauthenticated:
            return None
        except RequestRefused as refus:
            if refus.status in (400, 422):
                return None
            raise

    async def deconnecter(self, jeton_session: str) -> None:
        """Log out; nothing happens when the session is already closed."""
        await self.request("DELETE", "/sessions/current", headers=_session(jeton_session))

    async def sessions(self, jeton_session: str) -> list[SessionResume]:
        """The open sessions of the token's holder (`courante` marks this one)."""
        return await self.get_model(list[SessionResume], "/sessions", headers=_session(jeton_session))

    async def fermer_session(self, jeton_session: str, session_id: str) -> None:
        """Close one of the holder's sessions (`NotFound` for someone else's)."""
        await self.request("DELETE", path("sessions", session_id), headers=_session(jeton_session))

    async def fermer_autres_sessions(self, jeton_session: str) -> int:
        """« Se déconnecter partout ailleurs »: how many sessions were closed."""
        fermees = await self.send_model(
            "DELETE", SessionsFermees, "/sessions", headers=_session(jeton_session)
        )
        return fermees.sessions_fermees

    # Who is who.

    async def fiche(self, demandeur_id: str) -> FicheDemandeur:
        """The applicant themself, an agent of their préfecture, or a service; `NotFound` otherwise."""
        return await self.get_model(FicheDemandeur, path("demandeurs", demandeur_id))

    # « Je déclare un changement de situation ».

    async def declarer_adresse(self, demandeur_id: str, declaration: DeclarationAdresse) -> ChangementAdresse:
        """The applicant's new address and its proof, as the applicant themself (`as_actor`): the
        register's address changes and the change is dated in its history. `RequestRefused` (422)
        with a French message for an incomplete or unchanged address; `NotFound` for anyone else."""
        url = path("demandeurs", demandeur_id, "adresses")
        return await self.send_model("POST", ChangementAdresse, url, declaration)

    async def historique_adresses(self, demandeur_id: str) -> list[ChangementAdresse]:
        """The declared moves, newest first, for whoever may read the fiche."""
        return await self.get_model(list[ChangementAdresse], path("demandeurs", demandeur_id, "adresses"))

    async def agent(self, agent_id: str) -> Agent:
        """The agent themself, an administrator, or a service; `NotFound` otherwise."""
        return await self.get_model(Agent, path("agents", agent_id))


def _mot_de_passe(jeton: str, mot_de_passe: str, confirmation: str) -> DemandeMotDePasse:
    return DemandeMotDePasse.model_construct(
        jeton=jeton, mot_de_passe=mot_de_passe, confirmation_mot_de_passe=confirmation
    )


def _connexion(
    identifiant: str, mot_de_passe: str, adresse_client: str | None, appareil: str | None
) -> DemandeConnexion:
    return DemandeConnexion.model_construct(
        identifiant=identifiant, mot_de_passe=mot_de_passe, adresse_client=adresse_client, appareil=appareil
    )


def _session(jeton_session: str) -> dict[str, str]:
    return {SESSION_HEADER: jeton_session}
