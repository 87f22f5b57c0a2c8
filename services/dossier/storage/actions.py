"""The agents' audit trail (`dossier_actions_agents`), append only."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from contracts.dossier import ActionAgent
from services.dossier.domain.actions import ActionNotee
from services.dossier.storage.tables import actions_agents


class SqlActionsAgents:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ajouter(self, action: ActionNotee) -> None:
        self.session.execute(
            insert(actions_agents).values(
                dossier_id=action.dossier_id,
                agent_id=action.agent_id,
                agent_nom=action.agent_nom,
                action=action.action.value,
                tache=action.tache,
                resultat=action.resultat,
                date=action.date,
            )
        )

    def du_dossier(self, dossier_id: str) -> list[ActionNotee]:
        query = (
            select(actions_agents)
            .where(actions_agents.c.dossier_id == dossier_id)
            .order_by(actions_agents.c.date, actions_agents.c.id)
        )
        return [
            ActionNotee(
                row.dossier_id,
                row.agent_id,
                row.agent_nom,
                ActionAgent(row.action),
                row.tache,
                row.resultat,
                row.date,
            )
            for row in self.session.execute(query)
        ]
