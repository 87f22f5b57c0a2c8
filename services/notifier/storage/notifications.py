"""Notifications in SQL (SQLite or PostgreSQL), within the caller's session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.orm import Session

from contracts.notifier import ContenuNotification, FiltreLecture, PieceJointe
from contracts.process import Modele
from services.notifier.domain.acces import Portee
from services.notifier.domain.notifications import Filtre, Notification
from services.notifier.storage.tables import notifications as table


class SqlNotifications:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ajouter(self, notification: Notification) -> None:
        self.session.execute(insert(table).values(**_row(notification)))

    def par_id(self, notification_id: str) -> Notification | None:
        row = self.session.execute(select(table).where(table.c.id == notification_id)).first()
        return _notification(row) if row else None

    def par_job(self, job_key: str) -> Notification | None:
        row = self.session.execute(select(table).where(table.c.job_key == job_key)).first()
        return _notification(row) if row else None

    def marquer_lue(self, notification_id: str, le: datetime) -> bool:
        """`lue_le IS NULL` in the update itself: of two concurrent openings, one only wins."""
        return self._set_once(table.c.lue_le, notification_id, le)

    def marquer_repondue(self, notification_id: str, le: datetime) -> bool:
        result = self.session.execute(
            update(table)
            .where(table.c.id == notification_id, table.c.repondue_le.is_(None))
            .values(repondue_le=le, lue_le=func.coalesce(table.c.lue_le, le))
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def du_dossier(self, dossier_id: str, modele: Modele) -> list[Notification]:
        query = (
            select(table)
            .where(table.c.dossier_id == dossier_id, table.c.modele == modele.value)
            .order_by(table.c.cree_le, table.c.id)
        )
        return [_notification(row) for row in self.session.execute(query)]

    def lister(self, portee: Portee, filtre: Filtre) -> tuple[Sequence[Notification], int]:
        where = _conditions(portee, filtre)  # none: the platform without an applicant sees them all
        total = self.session.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        query = (
            select(table)
            .where(*where)
            .order_by(table.c.cree_le.desc(), table.c.id.desc())
            .limit(filtre.par_page)
            .offset(filtre.decalage)
        )
        return [_notification(row) for row in self.session.execute(query)], int(total)

    def compter_non_lues(self, demandeur_id: str) -> int:
        query = select(func.count()).where(table.c.demandeur_id == demandeur_id, table.c.lue_le.is_(None))
        return int(self.session.execute(query).scalar_one())

    def _set_once(self, column: Any, notification_id: str, le: datetime) -> bool:
        result = self.session.execute(
            update(table).where(table.c.id == notification_id, column.is_(None)).values({column.name: le})
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _conditions(portee: Portee, filtre: Filtre) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if portee.demandeur_id is not None:
        conditions.append(table.c.demandeur_id == portee.demandeur_id)
    if portee.prefectures is not None:
        conditions.append(table.c.prefecture.in_(sorted(portee.prefectures)))
    if filtre.lecture is FiltreLecture.LUES:
        conditions.append(table.c.lue_le.is_not(None))
    elif filtre.lecture is FiltreLecture.NON_LUES:
        conditions.append(table.c.lue_le.is_(None))
    if filtre.type is not None:
        conditions.append(table.c.modele == filtre.type.value)
    return conditions


def _row(n: Notification) -> dict[str, Any]:
    return {
        "id": n.id,
        "job_key": n.job_key,
        "demandeur_id": n.demandeur_id,
        "dossier_id": n.dossier_id,
        "numero_demande": n.numero_demande,
        "prefecture": n.prefecture,
        "modele": n.modele.value,
        "titre": n.titre,
        "contenu": n.contenu.model_dump(mode="json"),
        "pieces_jointes": [p.model_dump(mode="json") for p in n.pieces_jointes],
        "cree_le": n.cree_le,
        "lue_le": n.lue_le,
        "repondue_le": n.repondue_le,
    }


def _notification(row: Any) -> Notification:
    return Notification(
        id=row.id,
        job_key=row.job_key,
        demandeur_id=row.demandeur_id,
        dossier_id=row.dossier_id,
        numero_demande=row.numero_demande,
        prefecture=row.prefecture,
        modele=Modele(row.modele),
        titre=row.titre,
        contenu=ContenuNotification.model_validate(row.contenu),
        pieces_jointes=tuple(PieceJointe.model_validate(p) for p in row.pieces_jointes),
        cree_le=row.cree_le,
        lue_le=row.lue_le,
        repondue_le=row.repondue_le,
    )
