"""Complement rounds of a dossier."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from contracts.dossier import ReponseComplement
from services.dossier.domain.complements import PieceDemandee, RondeComplements
from services.dossier.storage.tables import rondes_complements


class SqlRondesRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def charger(self, dossier_id: str, numero: int) -> RondeComplements | None:
        query = select(rondes_complements).where(
            rondes_complements.c.dossier_id == dossier_id, rondes_complements.c.numero == numero
        )
        row = self.session.execute(query).first()
        return _ronde(row) if row else None

    def du_dossier(self, dossier_id: str) -> list[RondeComplements]:
        query = (
            select(rondes_complements)
            .where(rondes_complements.c.dossier_id == dossier_id)
            .order_by(rondes_complements.c.numero)
        )
        return [_ronde(row) for row in self.session.execute(query)]

    def prochain_numero(self, dossier_id: str) -> int:
        query = select(func.max(rondes_complements.c.numero)).where(
            rondes_complements.c.dossier_id == dossier_id
        )
        return int(self.session.execute(query).scalar_one() or 0) + 1

    def ajouter(self, ronde: RondeComplements) -> None:
        self.session.execute(insert(rondes_complements).values(**_colonnes(ronde)))

    def enregistrer(self, ronde: RondeComplements) -> None:
        colonnes = _colonnes(ronde)
        self.session.execute(
            update(rondes_complements)
            .where(
                rondes_complements.c.dossier_id == ronde.dossier_id,
                rondes_complements.c.numero == ronde.numero,
            )
            .values(envoyee_le=colonnes["envoyee_le"], pieces=colonnes["pieces"])
        )


def _colonnes(ronde: RondeComplements) -> dict[str, Any]:
    pieces = []
    for piece in ronde.pieces:
        valeurs = asdict(piece)
        valeurs["reponse"] = piece.reponse.value if piece.reponse else None
        valeurs["repondu_le"] = piece.repondu_le.isoformat() if piece.repondu_le else None
        pieces.append(valeurs)
    return {
        "dossier_id": ronde.dossier_id,
        "numero": ronde.numero,
        "ouverte_le": ronde.ouverte_le,
        "envoyee_le": ronde.envoyee_le,
        "pieces": pieces,
        "origine": ronde.origine,
    }


def _ronde(row: Any) -> RondeComplements:
    pieces = [
        PieceDemandee(
            piece=p["piece"],
            observation=p["observation"],
            libelle=p.get("libelle"),
            reponse=ReponseComplement(p["reponse"]) if p.get("reponse") else None,
            motif=p.get("motif"),
            message=p.get("message"),
            repondu_le=datetime.fromisoformat(p["repondu_le"]) if p.get("repondu_le") else None,
            motif_demande=p.get("motif_demande"),
            precision_motif=p.get("precision_motif"),
        )
        for p in row.pieces
    ]
    return RondeComplements(row.dossier_id, row.numero, row.ouverte_le, pieces, row.envoyee_le, row.origine)
