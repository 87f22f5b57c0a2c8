"""Who may use the console: process owners and administrators, checked on every route (403 otherwise).

Unlike a task of another préfecture (404, so that keys cannot be probed), the console is a whole
area of the site: an agent without the role is told the page is reserved.
"""

from __future__ import annotations

from plumbing.actors import Actor

ROLES_CONSOLE = frozenset({"responsable-processus", "admin"})


class AccesConsoleRefuse(Exception):
    """The agent is neither a process owner nor an administrator."""


def peut_administrer(agent: Actor) -> bool:
    return agent.is_agent and bool(agent.roles & ROLES_CONSOLE)


def exiger_console(agent: Actor) -> None:
    if not peut_administrer(agent):
        raise AccesConsoleRefuse(agent.id)
