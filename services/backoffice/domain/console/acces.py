"""Who may use the console: process owners and administrators, checked on every route (403 otherwise).

Unlike a task of another préfecture (404, so that keys cannot be probed), the console is a whole
area of the site: an agent without the role is told the page is reserved.
"""

from __future__ import annotations

import json

from contracts.variables import departement_du_groupe
from plumbing.actors import Actor
from services.backoffice.domain.console.modeles import Variable

ROLES_CONSOLE = frozenset({"responsable-processus", "admin"})


class AccesConsoleRefuse(Exception):
    """The agent is neither a process owner nor an administrator."""


def peut_administrer(agent: Actor) -> bool:
    return agent.is_agent and bool(agent.roles & ROLES_CONSOLE)


def exiger_console(agent: Actor) -> None:
    if not peut_administrer(agent):
        raise AccesConsoleRefuse(agent.id)


def voit_les_valeurs(agent: Actor, variables: list[Variable], instance: str) -> bool:
    """Applicants' personal data: values are shown to administrators, and to a process owner only
    when the instance's `prefecture` variable names one of the agent's préfectures."""
    if "admin" in agent.roles:
        return True
    groupe = next((v.valeur for v in variables if v.nom == "prefecture" and v.portee == instance), None)
    if groupe is None:
        return False
    try:
        valeur = json.loads(groupe)
    except ValueError:
        return False
    return isinstance(valeur, str) and departement_du_groupe(valeur) in agent.prefectures


def page_d_accueil(agent: Actor) -> str:
    """Where an agent lands after signing in: a process owner with no other role has no tasks to
    instruct, so the console; everybody else, their tasks."""
    return "/console/processus" if agent.roles == {"responsable-processus"} else "/taches"
