"""A user task as the agents see it, and the three views of the tasklist."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

PAR_PAGE = 20


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
    suivi: datetime | None = None  # the follow-up date
    processus_id: str = ""


class Vue(StrEnum):
    MES_TACHES = "mes-taches"
    NON_ASSIGNEES = "non-assignees"
    MES_GROUPES = "mes-groupes"


LIBELLES_VUES = {
    Vue.MES_TACHES: "Mes tâches",
    Vue.NON_ASSIGNEES: "Non assignées",
    Vue.MES_GROUPES: "Mes groupes",
}


class Tri(StrEnum):
    ECHEANCE = "echeance"
    SUIVI = "suivi"
    CREATION = "creation"


LIBELLES_TRIS = {
    Tri.ECHEANCE: "Échéance la plus proche d'abord",
    Tri.SUIVI: "Date de suivi la plus proche d'abord",
    Tri.CREATION: "Les plus anciennes d'abord",
}


@dataclass(frozen=True)
class FiltresTaches:
    """The tasklist's filters (each bound included, in days of France), and its order."""

    processus: str | None = None  # the process definition's id
    tache: str | None = None  # the task's name
    echeance_du: date | None = None
    echeance_au: date | None = None
    suivi_du: date | None = None
    suivi_au: date | None = None
    tri: Tri = Tri.ECHEANCE

    @property
    def actifs(self) -> bool:
        """Whether anything but the order narrows the list."""
        bornes = (self.echeance_du, self.echeance_au, self.suivi_du, self.suivi_au)
        return bool(self.processus or self.tache or any(bornes))


_JAMAIS = datetime.max.replace(tzinfo=UTC)


def _instant(moment: datetime | None) -> datetime:
    if moment is None:
        return _JAMAIS
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def ordre(tache: Tache, tri: Tri = Tri.ECHEANCE) -> tuple[bool, datetime, datetime]:
    """By default least time left first; tasks without the date last; then the oldest first."""
    creee = _instant(tache.creee_le)
    if tri is Tri.CREATION:
        return (tache.creee_le is None, creee, creee)
    date_triee = tache.suivi if tri is Tri.SUIVI else tache.echeance
    return (date_triee is None, _instant(date_triee), creee)


@dataclass(frozen=True)
class PageTaches:
    taches: list[Tache]
    numero: int
    pages: int
    total: int


@dataclass(frozen=True)
class ChoixFiltres:
    """What the filters offer: the processes and task names of the agent's waiting tasks."""

    processus: list[tuple[str, str]]  # (definition id, name)
    taches: list[str]

    @classmethod
    def de(cls, taches: list[Tache]) -> ChoixFiltres:
        processus = sorted(
            {(t.processus_id, t.processus) for t in taches if t.processus_id}, key=lambda p: p[1]
        )
        return cls(processus, sorted({t.nom for t in taches}))


@dataclass(frozen=True)
class ListeTaches:
    """Every task an agent may see, sorted; each view is a part of it."""

    agent_id: str
    taches: tuple[Tache, ...]

    @classmethod
    def de(cls, agent_id: str, taches: list[Tache], tri: Tri = Tri.ECHEANCE) -> ListeTaches:
        return cls(agent_id, tuple(sorted(taches, key=lambda t: ordre(t, tri))))

    def vue(self, vue: Vue) -> list[Tache]:
        if vue is Vue.MES_TACHES:
            return [t for t in self.taches if t.assignee == self.agent_id]
        if vue is Vue.NON_ASSIGNEES:
            return [t for t in self.taches if t.assignee is None]
        return list(self.taches)

    def comptes(self) -> dict[Vue, int]:
        return {vue: len(self.vue(vue)) for vue in Vue}

    def page(self, vue: Vue, numero: int, par_page: int = PAR_PAGE) -> PageTaches:
        """One page of a view (a page past the last shows the last)."""
        taches = self.vue(vue)
        pages = max(1, math.ceil(len(taches) / par_page))
        numero = min(max(1, numero), pages)
        debut = (numero - 1) * par_page
        return PageTaches(taches[debut : debut + par_page], numero, pages, len(taches))
