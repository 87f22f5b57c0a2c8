"""What leaves the notifier after the commit: events and queued e-mails (NATS), engine messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from contracts.courriel import sujet_demande_courriel
from contracts.notifier import EvenementNotification, EvenementNotificationPayload
from plumbing.engine_outbox import EngineCommand, EngineCommandOutbox
from plumbing.outbox import Outbox
from services.notifier.domain.courriels import DemandeEnvoi
from services.notifier.domain.notifications import Notification
from services.notifier.domain.ports import MessageMoteur
from services.notifier.storage.tables import engine_commands, outbox

NATS_OUTBOX = Outbox(outbox)
ENGINE_OUTBOX = EngineCommandOutbox(engine_commands)


class OutboxEvenements:
    def __init__(self, session: Session) -> None:
        self.session = session

    def publier(self, evenement: EvenementNotification, notification: Notification, le: datetime) -> None:
        payload = EvenementNotificationPayload(
            notification_id=notification.id,
            type=notification.modele,
            dossier_id=notification.dossier_id,
            demandeur_id=notification.demandeur_id,
            date=le,
        )
        NATS_OUTBOX.add(self.session, evenement.subject, payload.model_dump(mode="json"))


class OutboxCourriels:
    """Queued e-mails go through the outbox too, so a crash after the commit loses none."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def mettre_en_file(self, demande: DemandeEnvoi) -> None:
        NATS_OUTBOX.add(self.session, sujet_demande_courriel("notifier"), demande.model_dump(mode="json"))


class OutboxMessagesMoteur:
    """A message owed to the engine, sent by `EngineCommandRelay` with its id as `messageId`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def prevoir(self, message: MessageMoteur, le: datetime) -> None:
        command = EngineCommand(
            id=message.message_id,
            kind="publish-message",
            name=message.nom,
            variables=message.variables,
            correlation_key=message.cle_correlation,
        )
        ENGINE_OUTBOX.add(self.session, command, le)
