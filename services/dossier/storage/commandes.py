"""Engine calls recorded in a transaction and made after it (process start, messages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from services.dossier.storage.tables import commandes_moteur

NatureCommande = Literal["demarrer", "message"]


@dataclass(frozen=True)
class CommandeMoteur:
    id: str  # also the idempotency key (the messageId of a message)
    dossier_id: str
    nature: NatureCommande
    nom: str  # process id or message name
    variables: dict[str, Any]
    cle_correlation: str | None = None
    tentatives: int = 0


class SqlCommandesMoteur:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ajouter(self, commande: CommandeMoteur, *, maintenant: datetime) -> bool:
        """Record the command unless one with the same id exists (a double click records it once)."""
        query = select(commandes_moteur.c.id).where(commandes_moteur.c.id == commande.id)
        if self.session.execute(query).first():
            return False
        self.session.execute(
            insert(commandes_moteur).values(
                id=commande.id,
                dossier_id=commande.dossier_id,
                nature=commande.nature,
                nom=commande.nom,
                cle_correlation=commande.cle_correlation,
                variables=commande.variables,
                cree_le=maintenant,
                tentatives=0,
            )
        )
        return True

    def reserver(self, commande_id: str, *, maintenant: datetime, bail: timedelta) -> CommandeMoteur | None:
        """Take the lease on a pending command; None when done or leased by another sender."""
        result = self.session.execute(
            update(commandes_moteur)
            .where(commandes_moteur.c.id == commande_id, _disponible(maintenant))
            .values(bail_jusqua=maintenant + bail, tentatives=commandes_moteur.c.tentatives + 1)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        row = self.session.execute(select(commandes_moteur).where(commandes_moteur.c.id == commande_id)).one()
        return CommandeMoteur(
            row.id,
            row.dossier_id,
            row.nature,
            row.nom,
            dict(row.variables),
            row.cle_correlation,
            row.tentatives,
        )

    def en_attente(self, *, maintenant: datetime, limite: int = 50) -> list[str]:
        query = (
            select(commandes_moteur.c.id)
            .where(_disponible(maintenant))
            .order_by(commandes_moteur.c.cree_le)
            .limit(limite)
        )
        return [row.id for row in self.session.execute(query)]

    def terminer(self, commande_id: str, *, maintenant: datetime, resultat: int | None = None) -> None:
        self.session.execute(
            update(commandes_moteur)
            .where(commandes_moteur.c.id == commande_id)
            .values(executee_le=maintenant, resultat=resultat, bail_jusqua=None)
        )

    def reporter(self, commande_id: str, *, jusqua: datetime) -> None:
        """After a failure: retry no earlier than `jusqua` (back-off)."""
        self.session.execute(
            update(commandes_moteur).where(commandes_moteur.c.id == commande_id).values(bail_jusqua=jusqua)
        )

    def executee(self, commande_id: str) -> bool:
        query = select(commandes_moteur.c.executee_le).where(commandes_moteur.c.id == commande_id)
        row = self.session.execute(query).first()
        return bool(row and row.executee_le)


def _disponible(maintenant: datetime) -> Any:
    return and_(
        commandes_moteur.c.executee_le.is_(None),
        or_(commandes_moteur.c.bail_jusqua.is_(None), commandes_moteur.c.bail_jusqua < maintenant),
    )
