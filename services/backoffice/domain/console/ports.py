"""What the console needs from outside: the engine's definitions, deployments and instances
(Camunda 8 REST API), and the linter run before a deployment."""

from __future__ import annotations

from typing import Any, Protocol

from services.backoffice.domain.console.lint import Constat
from services.backoffice.domain.console.modeles import (
    Definition,
    Deploiement,
    Element,
    Incident,
    Instance,
    Page,
    Variable,
)


class Referentiel(Protocol):
    """The engine as the console reads and changes it."""

    async def definitions(self) -> list[Definition]:
        """Every version of every process, newest first within a process."""
        ...

    async def definition(self, cle: str) -> Definition | None: ...
    async def xml(self, cle: str) -> str | None: ...
    async def formulaire(self, definition: str, tache: str) -> dict[str, Any] | None:
        """The schema of the form a user task of this version shows, when one has been created."""
        ...

    async def deployer(self, nom_fichier: str, contenu: bytes) -> Deploiement:
        """`ModeleRefuse` when the engine refuses the model (its French-context reason)."""
        ...

    async def instances(self, recherche: dict[str, Any]) -> Page[Instance]: ...
    async def instance(self, cle: str) -> Instance | None: ...
    async def elements(self, instance: str) -> list[Element]:
        """The instance's element instances in the order they started (its history)."""
        ...

    async def incidents(self, instance: str, *, actifs: bool = True) -> list[Incident]: ...
    async def variables(self, instance: str) -> list[Variable]: ...
    async def reessayer_job(self, job: str, essais: int) -> None:
        """Give the failed job new retries (`PATCH /v2/jobs/{key}`)."""
        ...

    async def resoudre(self, incident: str) -> None: ...
    async def annuler(self, instance: str) -> None:
        """`InstanceTerminee` when it has already ended."""
        ...


class Linter(Protocol):
    async def verifier(self, xml: bytes) -> list[Constat]:
        """bpmnlint's findings with the Camunda 8.9 rules (import failures included)."""
        ...


class Attente(Protocol):
    async def __call__(self, secondes: float) -> None: ...


class InstanceTerminee(Exception):
    """The instance has already ended: there is nothing to cancel."""
