"""Events and e-mail requests leave through the outbox, in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from plumbing.outbox import Outbox
from services.identity.storage.tables import outbox


class OutboxEvenements:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.outbox = Outbox(outbox)

    def publier(self, sujet: str, contenu: dict[str, Any]) -> None:
        self.outbox.add(self.session, sujet, contenu)
