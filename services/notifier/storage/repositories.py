"""The repositories of one unit of work: the notifier's tables and its outboxes, in one session."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from services.notifier.storage.courriels import SqlRegistreCourriels
from services.notifier.storage.notifications import SqlNotifications
from services.notifier.storage.outbox import OutboxCourriels, OutboxEvenements, OutboxMessagesMoteur


@dataclass(frozen=True)
class NotifierRepositories:
    notifications: SqlNotifications
    messages: OutboxMessagesMoteur
    evenements: OutboxEvenements
    courriels: OutboxCourriels
    registre: SqlRegistreCourriels


def repositories(session: Session) -> NotifierRepositories:
    """The factory `plumbing.unit_of_work.UnitOfWork` calls for each transaction."""
    return NotifierRepositories(
        notifications=SqlNotifications(session),
        messages=OutboxMessagesMoteur(session),
        evenements=OutboxEvenements(session),
        courriels=OutboxCourriels(session),
        registre=SqlRegistreCourriels(session),
    )
