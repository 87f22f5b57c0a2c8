"""What the use cases need from the outside world, all within one unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from contracts.notifier import EvenementNotification
from services.notifier.domain.courriels import DemandeEnvoi
from services.notifier.domain.notifications import Filtre, Notification


@dataclass(frozen=True)
class Portee:
    """Whose notifications a query may return: one applicant's, or a set of préfectures'."""

    demandeur_id: str | None = None
    prefectures: frozenset[str] | None = None  # None: no restriction (the platform itself)

    def couvre(self, notification: Notification) -> bool:
        if self.demandeur_id is not None and notification.demandeur_id != self.demandeur_id:
            return False
        return self.prefectures is None or notification.prefecture in self.prefectures


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

    def marquer_repondue(self, notification_id: str, le: datetime) -> bool: ...

    def lister(self, portee: Portee, filtre: Filtre) -> tuple[Sequence[Notification], int]: ...

    def compter_non_lues(self, demandeur_id: str) -> int: ...


class MessagesMoteur(Protocol):
    def prevoir(self, message: MessageMoteur, le: datetime) -> None: ...


class Evenements(Protocol):
    def publier(self, evenement: EvenementNotification, notification: Notification, le: datetime) -> None: ...


class FileCourriels(Protocol):
    def mettre_en_file(self, demande: DemandeEnvoi) -> None: ...


class UniteDeTravail(Protocol):
    """One transaction over the notifier's storage and its outbox."""

    @property
    def notifications(self) -> Notifications: ...

    @property
    def messages(self) -> MessagesMoteur: ...

    @property
    def evenements(self) -> Evenements: ...

    @property
    def courriels(self) -> FileCourriels: ...
