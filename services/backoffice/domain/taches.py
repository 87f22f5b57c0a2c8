"""A user task as the agents see it, and the three views of the tasklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Tache:
    """A user task of the engine waiting for an agent (`assignee`: an agent's id, or None)."""

    cle: str
    nom: str
    assignee: str | None
    groupes: tuple[str, ...]
    instance: str
    processus: str
    creee_le: datetime | None = None
    echeance: datetime | None = None


class Vue(StrEnum):
    MES_TACHES = "mes-taches"
    NON_ASSIGNEES = "non-assignees"
    MES_GROUPES = "mes-groupes"


LIBELLES_VUES = {
    Vue.MES_TACHES: "Mes tâches",
    Vue.NON_ASSIGNEES: "Non assignées",
    Vue.MES_GROUPES: "Mes groupes",
}


def ordre(tache: Tache) -> tuple[bool, datetime, datetime]:
    """Least time left first; tasks without a due date last; then the oldest first."""
    jamais = datetime.max.replace(tzinfo=None)
    echeance = tache.echeance.replace(tzinfo=None) if tache.echeance else jamais
    creee = tache.creee_le.replace(tzinfo=None) if tache.creee_le else jamais
    return (tache.echeance is None, echeance, creee)


@dataclass(frozen=True)
class ListeTaches:
    """Every task an agent may see, sorted; each view is a part of it."""

    agent_id: str
    taches: tuple[Tache, ...]

    @classmethod
    def de(cls, agent_id: str, taches: list[Tache]) -> ListeTaches:
        return cls(agent_id, tuple(sorted(taches, key=ordre)))

    def vue(self, vue: Vue) -> list[Tache]:
        if vue is Vue.MES_TACHES:
            return [t for t in self.taches if t.assignee == self.agent_id]
        if vue is Vue.NON_ASSIGNEES:
            return [t for t in self.taches if t.assignee is None]
        return list(self.taches)

    def comptes(self) -> dict[Vue, int]:
        return {vue: len(self.vue(vue)) for vue in Vue}
