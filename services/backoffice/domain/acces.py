"""The one access rule of the back-office: an agent sees the tasks of their préfectures only.

A task's préfecture is its candidate group `prefecture-<dep>`; a task offered to another group
(the valideurs' `valideur`) belongs to the préfecture its instance names in the `prefecture`
variable. Whatever the groups say, a task of another préfecture is invisible (404, never 403).
"""

from __future__ import annotations

from contracts.process import GROUPE_VALIDEUR
from contracts.variables import PREFIXE_GROUPE_PREFECTURE, departement_du_groupe, groupe_prefecture
from plumbing.actors import Actor
from services.backoffice.domain.taches import Tache


class TacheIntrouvable(Exception):
    """Absent, finished, or not the agent's: the page answers « Page non trouvée »."""


class TacheDejaAssignee(Exception):
    """Another agent took the task first."""


def groupes_de(agent: Actor) -> list[str]:
    """The candidate groups an agent belongs to, as the engine names them."""
    groupes = [groupe_prefecture(departement) for departement in sorted(agent.prefectures)]
    if "valideur" in agent.roles:
        groupes.append(GROUPE_VALIDEUR)
    return groupes


def prefecture_de(tache: Tache, groupe_de_l_instance: str | None) -> str | None:
    """The département of the task: from its groups, else from its instance's `prefecture`."""
    for groupe in tache.groupes:
        if groupe.startswith(PREFIXE_GROUPE_PREFECTURE):
            return departement_du_groupe(groupe)
    return departement_du_groupe(groupe_de_l_instance) if groupe_de_l_instance else None


def a_besoin_de_l_instance(tache: Tache) -> bool:
    return not any(groupe.startswith(PREFIXE_GROUPE_PREFECTURE) for groupe in tache.groupes)


def peut_voir(agent: Actor, tache: Tache, groupe_de_l_instance: str | None) -> bool:
    prefecture = prefecture_de(tache, groupe_de_l_instance)
    if not agent.is_agent or prefecture is None or prefecture not in agent.prefectures:
        return False
    return tache.assignee == agent.id or bool(set(tache.groupes) & set(groupes_de(agent)))
