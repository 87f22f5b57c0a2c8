"""One transaction over the notifier's tables and its outbox (events and queued e-mails)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from contracts.courriel import SUBJECT_DEMANDE_COURRIEL
from contracts.notifier import EvenementNotification, EvenementNotificationPayload
from plumbing.database import transaction
from plumbing.outbox import Outbox
from services.notifier.domain.courriels import DemandeEnvoi
from services.notifier.domain.notifications import Notification
from services.notifier.storage.messages import SqlMessagesMoteur
from services.notifier.storage.notifications import SqlNotifications
from services.notifier.storage.tables import outbox


class OutboxEvenements:
    def __init__(self, session: Session, box: Outbox) -> None:
        self.session, self.box = session, box

    def publier(self, evenement: EvenementNotification, notification: Notification, le: datetime) -> None:
        payload = EvenementNotificationPayload(
            notification_id=notification.id,
            type=notification.modele,
            dossier_id=notification.dossier_id,
            demandeur_id=notification.demandeur_id,
            date=le,
        )
        self.box.add(self.session, evenement.subject, payload.model_dump(mode="json"))


class OutboxCourriels:
    """Queued e-mails go through the outbox too, so a crash after the commit loses none."""

    def __init__(self, session: Session, box: Outbox) -> None:
        self.session, self.box = session, box

    def mettre_en_file(self, demande: DemandeEnvoi) -> None:
        self.box.add(self.session, SUBJECT_DEMANDE_COURRIEL, demande.model_dump(mode="json"))


class SqlUniteDeTravail:
    def __init__(self, session: Session) -> None:
        box = Outbox(outbox)
        self.notifications = SqlNotifications(session)
        self.messages = SqlMessagesMoteur(session)
        self.evenements = OutboxEvenements(session, box)
        self.courriels = OutboxCourriels(session, box)


@contextmanager
def ouvrir_unite(sessions: sessionmaker[Session]) -> Iterator[SqlUniteDeTravail]:
    """Commit on success, roll back on any error."""
    with transaction(sessions) as session:
        yield SqlUniteDeTravail(session)
