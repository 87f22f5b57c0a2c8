"""The agents' audit trail: who did what on a dossier, and when (agent id and name only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contracts.dossier import ActionAgent


@dataclass(frozen=True)
class ActionNotee:
    dossier_id: str
    agent_id: str
    agent_nom: str | None
    action: ActionAgent
    tache: str | None
    resultat: str | None
    date: datetime
