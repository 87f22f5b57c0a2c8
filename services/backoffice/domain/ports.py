"""What the use cases and pages need from outside: the engine's tasks, identity's agent sessions."""

from __future__ import annotations

from typing import Any, Protocol

from contracts.dossier import DossierVue
from contracts.identity import SessionCourante, SessionOuverte
from plumbing.actors import Actor
from services.backoffice.domain.taches import Tache


class Moteur(Protocol):
    """The engine's user tasks and variables (Camunda 8 REST API)."""

    async def taches_ouvertes(self, groupes: list[str]) -> list[Tache]:
        """The tasks waiting in any of these candidate groups."""
        ...

    async def tache(self, cle: str) -> Tache | None:
        """A waiting task, or None (absent, finished, or not a key)."""
        ...

    async def groupes_des_instances(self, instances: list[str]) -> dict[str, str]:
        """Each instance's `prefecture` variable (e.g. « prefecture-59 »), when it has one."""
        ...

    async def variables(self, instance: str) -> dict[str, Any]: ...
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

    async def connecter(self, identifiant: str, mot_de_passe: str, adresse: str | None) -> SessionOuverte:
        """`RequestRefused` for wrong credentials, `ConnexionBloquee` when locked."""
        ...

    async def session(self, jeton: str) -> SessionCourante | None: ...
    async def deconnecter(self, jeton: str) -> None: ...


class Dossiers(Protocol):
    """The dossier service, read as the signed-in agent: another préfecture's dossier is `NotFound`."""

    async def dossier(self, agent: Actor, dossier_id: str) -> DossierVue: ...
