"""Server-side sessions: an opaque token in the visitor's cookie, its fingerprint here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

Titulaire = Literal["demandeur", "agent"]


@dataclass(frozen=True)
class Session:
    id: str
    titulaire: Titulaire
    titulaire_id: str
    ouverte_le: datetime
    derniere_activite_le: datetime
    expire_le: datetime
    revoquee_le: datetime | None = None


@dataclass(frozen=True)
class PolitiqueSession:
    """A session ends after `inactivite` without use, and at the latest `duree_maximale` after login."""

    inactivite: timedelta = timedelta(minutes=30)
    duree_maximale: timedelta = timedelta(hours=12)
    rafraichissement: timedelta = timedelta(minutes=1)  # don't write on every request

    def ouvrir(
        self, session_id: str, titulaire: Titulaire, titulaire_id: str, maintenant: datetime
    ) -> Session:
        return Session(
            id=session_id,
            titulaire=titulaire,
            titulaire_id=titulaire_id,
            ouverte_le=maintenant,
            derniere_activite_le=maintenant,
            expire_le=self._expiration(maintenant, maintenant),
        )

    def active(self, session: Session, maintenant: datetime) -> bool:
        return session.revoquee_le is None and maintenant < session.expire_le

    def a_rafraichir(self, session: Session, maintenant: datetime) -> bool:
        return maintenant - session.derniere_activite_le >= self.rafraichissement

    def prolonger(self, session: Session, maintenant: datetime) -> Session:
        return replace(
            session,
            derniere_activite_le=maintenant,
            expire_le=self._expiration(session.ouverte_le, maintenant),
        )

    def _expiration(self, ouverte_le: datetime, maintenant: datetime) -> datetime:
        return min(maintenant + self.inactivite, ouverte_le + self.duree_maximale)
