"""What the pages need from the other services, whoever answers (the real APIs, or test fakes).

Refusals arrive as `contracts.clients.base` errors: `RequestRefused` carries identity's French
message, `ServiceUnavailable` becomes the « service momentanément indisponible » page.
"""

from __future__ import annotations

from typing import Protocol

from contracts.identity import (
    DemandeConnexion,
    DemandeCreationCompte,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    ReponseMessage,
    SessionCourante,
    SessionOuverte,
)
from contracts.notifier import PageNotifications


class ConnexionBloquee(Exception):
    """Too many failed attempts: identity refuses for a while (its French message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Comptes(Protocol):
    """identity's account and session API, on behalf of a visitor."""

    async def creer_compte(self, demande: DemandeCreationCompte) -> ReponseMessage: ...
    async def confirmer_courriel(self, jeton: str) -> ReponseMessage: ...
    async def creer_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage: ...
    async def demander_reinitialisation(self, demande: DemandeOubliMotDePasse) -> ReponseMessage: ...
    async def verifier_lien_reinitialisation(self, jeton: str) -> ReponseMessage: ...
    async def reinitialiser_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage: ...
    async def connecter(self, demande: DemandeConnexion) -> SessionOuverte:
        """A new session; `RequestRefused` for wrong credentials, `ConnexionBloquee` when locked."""
        ...

    async def session(self, jeton: str) -> SessionCourante | None:
        """The session behind a cookie, or None when it has expired or never existed."""
        ...

    async def deconnecter(self, jeton: str) -> None: ...


class Notifications(Protocol):
    """The notifier's « Mes Notifications », read as the signed-in applicant (`acteur`)."""

    async def non_lues(self, acteur: str, *, nombre: int) -> PageNotifications:
        """The newest unread notifications; `total` is the bell's count."""
        ...
