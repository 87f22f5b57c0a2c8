"""The repositories of one unit of work, all bound to the same SQL session."""

from __future__ import annotations

from sqlalchemy.orm import Session

from services.identity.domain.ports import Depots
from services.identity.storage.comptes import SqlComptesAgents, SqlComptesDemandeurs
from services.identity.storage.evenements import OutboxEvenements
from services.identity.storage.registre import SqlRegistre
from services.identity.storage.securite import SqlJetons, SqlSessions, SqlTentatives


def repositories(session: Session) -> Depots:
    return Depots(
        registre=SqlRegistre(session),
        demandeurs=SqlComptesDemandeurs(session),
        agents=SqlComptesAgents(session),
        jetons=SqlJetons(session),
        sessions=SqlSessions(session),
        tentatives=SqlTentatives(session),
        evenements=OutboxEvenements(session),
    )
