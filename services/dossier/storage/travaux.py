"""Daily number sequences and the memory of jobs already handled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.dossier.storage.tables import jobs_traites, sequences_numero


class SqlSequences:
    def __init__(self, session: Session) -> None:
        self.session = session

    def suivant(self, cle: str) -> int:
        """Next value of a daily counter; the row lock serialises concurrent registrations."""
        for _ in range(3):
            result = self.session.execute(
                update(sequences_numero)
                .where(sequences_numero.c.cle == cle)
                .values(dernier=sequences_numero.c.dernier + 1)
                .returning(sequences_numero.c.dernier)
            ).first()
            if result is not None:
                return int(result[0])
            try:
                with self.session.begin_nested():
                    self.session.execute(insert(sequences_numero).values(cle=cle, dernier=1))
                return 1
            except IntegrityError:
                continue  # created meanwhile by a concurrent registration: increment it
        raise RuntimeError("séquence de numérotation indisponible")


class SqlJobsTraites:
    def __init__(self, session: Session) -> None:
        self.session = session

    def resultat(self, job_key: int) -> dict[str, Any] | None:
        query = select(jobs_traites.c.resultat).where(jobs_traites.c.job_key == str(job_key))
        row = self.session.execute(query).first()
        return dict(row[0]) if row else None

    def noter(
        self, job_key: int, *, type_job: str, dossier_id: str, resultat: dict[str, Any], maintenant: datetime
    ) -> None:
        self.session.execute(
            insert(jobs_traites).values(
                job_key=str(job_key),
                type=type_job,
                dossier_id=dossier_id,
                resultat=resultat,
                traite_le=maintenant,
            )
        )
