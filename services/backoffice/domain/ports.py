"""What the use cases and pages need from outside: the engine's tasks, identity's agent sessions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from contracts.dossier import ActionAgentSaisie, DossierComplet, DossierVue
from contracts.identity import SessionCourante, SessionOuverte
from contracts.notifier import NotificationResume
from plumbing.actors import Actor
from services.backoffice.domain.taches import FiltresTaches, Tache


@dataclass(frozen=True)
class Fichier:
    """A file of the dossier read back: its bytes, the media type its service gave, its name."""

    contenu: bytes
    type_media: str
    nom: str | None = None


class ActionNonJournalisee(Exception):
    """The dossier service refused or could not record an agent's action."""


class Moteur(Protocol):
    """The engine's user tasks and variables (Camunda 8 REST API)."""

    async def taches_ouvertes(self, groupes: list[str], filtres: FiltresTaches | None = None) -> list[Tache]:
        """The tasks waiting in any of these candidate groups (narrowed and sorted by the engine)."""
        ...

    async def tache(self, cle: str) -> Tache | None:
        """A waiting task, or None (absent, finished, or not a key)."""
        ...

    async def groupes_des_instances(self, instances: list[str]) -> dict[str, str]:
        """Each instance's `prefecture` variable (e.g. « prefecture-59 »), when it has one."""
        ...

    async def variables(self, instance: str) -> dict[str, Any]: ...
    async def dossier_de_l_instance(self, instance: str) -> str | None:
        """The instance's `dossierId` variable, when it has one."""
        ...

    async def assigner(self, cle: str, agent_id: str) -> None:
        """`TacheDejaAssignee` when someone else holds it."""
        ...

    async def desassigner(self, cle: str) -> None: ...
    async def formulaire(self, cle: str) -> dict[str, Any] | None:
        """The schema of the task's linked Camunda Form, or None when it has none."""
        ...

    async def completer(self, cle: str, variables: dict[str, Any]) -> None:
        """`TacheIntrouvable` when the task is gone (completed meanwhile)."""
        ...


class ConnexionBloquee(Exception):
    """Too many failed attempts: identity refuses for a while (its French message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Agents(Protocol):
    """identity's agent sessions."""

    async def connecter(
        self, identifiant: str, mot_de_passe: str, adresse: str | None, appareil: str | None = None
    ) -> SessionOuverte:
        """`RequestRefused` for wrong credentials, `ConnexionBloquee` when locked; `appareil`: the
        browser's device token, if it signed in before."""
        ...

    async def session(self, jeton: str) -> SessionCourante | None: ...
    async def deconnecter(self, jeton: str) -> None: ...


class Dossiers(Protocol):
    """The dossier as the signed-in agent reads it, from the dossier, documents and notifier services:
    another préfecture's dossier, file or notification is `NotFound` (each service checks)."""

    async def dossier(self, agent: Actor, dossier_id: str) -> DossierVue: ...
    async def complet(self, agent: Actor, dossier_id: str) -> DossierComplet:
        """The dossier, its history, rounds, agents' actions, pieces and generated PDFs (one call)."""
        ...

    async def notifications(
        self, agent: Actor, demandeur_id: str, dossier_id: str
    ) -> list[NotificationResume]:
        """The notifications sent about this dossier, oldest first (one call)."""
        ...

    async def fichier(self, agent: Actor, dossier_id: str, fichier_id: str) -> Fichier:
        """A file of a piece, any version."""
        ...

    async def document_genere(self, agent: Actor, dossier_id: str, document_id: str) -> Fichier: ...
    async def noter_action(self, agent: Actor, dossier_id: str, action: ActionAgentSaisie) -> None:
        """Record the agent's action on the dossier (the audit trail); `ActionNonJournalisee`."""
        ...
