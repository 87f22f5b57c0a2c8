"""What the use cases need from the outside world: the repositories of one transaction, and more."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from contracts.notifier import CourrielEnEchec, EvenementNotification
from contracts.process import Modele
from services.notifier.domain.acces import Portee
from services.notifier.domain.courriels import (
    Courriel,
    CourrielAbandonne,
    DemandeEnvoi,
    Fichier,
    PieceJointeCourriel,
)
from services.notifier.domain.notifications import Filtre, Notification

T = TypeVar("T")


@dataclass(frozen=True)
class MessageMoteur:
    """A message owed to the engine (`PublishMessage`), at most once thanks to `message_id`."""

    message_id: str
    nom: str
    cle_correlation: str
    variables: dict[str, Any] = field(default_factory=dict)


class Notifications(Protocol):
    def ajouter(self, notification: Notification) -> None: ...

    def par_id(self, notification_id: str) -> Notification | None: ...

    def par_job(self, job_key: str) -> Notification | None: ...

    def marquer_lue(self, notification_id: str, le: datetime) -> bool:
        """Set the read date if none is set yet; True when this call set it (the first opening)."""
        ...

    def marquer_repondue(self, notification_id: str, le: datetime) -> bool:
        """Set the answer date (and the read date, if unset) once; True when this call set it."""
        ...

    def du_dossier(self, dossier_id: str, modele: Modele) -> Sequence[Notification]:
        """The dossier's notifications of one kind, oldest first."""
        ...

    def lister(self, portee: Portee, filtre: Filtre) -> tuple[Sequence[Notification], int]: ...

    def compter_non_lues(self, demandeur_id: str) -> int: ...


class MessagesMoteur(Protocol):
    def prevoir(self, message: MessageMoteur, le: datetime) -> None: ...


class Evenements(Protocol):
    def publier(self, evenement: EvenementNotification, notification: Notification, le: datetime) -> None: ...


class FileCourriels(Protocol):
    def mettre_en_file(self, demande: DemandeEnvoi) -> None: ...


class RegistreCourriels(Protocol):
    """E-mails the relay accepted (so that a second delivery sends nothing) and those given up."""

    def deja_envoye(self, idempotence: str) -> bool: ...

    def envoye(self, idempotence: str, modele: str, le: datetime) -> None:
        """Record it once (a concurrent delivery may have recorded it already)."""

    def abandonne(self, abandon: CourrielAbandonne) -> None: ...

    def en_echec(self, limite: int = 100) -> list[CourrielEnEchec]: ...

    def a_rejouer(self, echec_id: int) -> tuple[str, str] | None:
        """The subject and raw request of a dead letter not replayed yet, or None."""

    def rejoue(self, echec_id: int, le: datetime) -> None: ...


class Repositories(Protocol):
    """The notifier's storage and its outboxes, within one transaction."""

    @property
    def notifications(self) -> Notifications: ...

    @property
    def messages(self) -> MessagesMoteur: ...

    @property
    def evenements(self) -> Evenements: ...

    @property
    def courriels(self) -> FileCourriels: ...

    @property
    def registre(self) -> RegistreCourriels: ...


class Transactions(Protocol):
    """Runs a use case in its own transaction (`plumbing.unit_of_work.UnitOfWork` fits)."""

    async def run_async(self, use_case: Callable[[Repositories], T]) -> T: ...


class Redacteur(Protocol):
    def rediger(self, demande: DemandeEnvoi, fichiers: tuple[Fichier, ...] = ()) -> Courriel: ...


class Documents(Protocol):
    async def lire(self, piece: PieceJointeCourriel) -> Fichier | None:
        """The file, or None if the documents service does not know it; raise if unreachable."""


class Relais(Protocol):
    async def envoyer(self, courriel: Courriel) -> None:
        """Return once the relay accepted the message; raise otherwise."""
