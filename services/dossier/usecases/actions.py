"""The agents' audit trail: an agent's action on a dossier of their préfecture is recorded."""

from __future__ import annotations

from contracts.dossier import ActionAgentSaisie
from plumbing.actors import Actor
from plumbing.clock import Clock
from services.dossier.domain.actions import ActionNotee
from services.dossier.domain.erreurs import ActionReservee
from services.dossier.domain.ports import Repositories
from services.dossier.usecases.acces import dossier_visible

RESERVEE_AUX_AGENTS = "Cette action est réservée aux agents de la préfecture."


def noter_action(
    repos: Repositories, *, clock: Clock, acteur: Actor, dossier_id: str, saisie: ActionAgentSaisie
) -> ActionNotee:
    """Who is the calling agent (never the body); the dossier must be one they may see."""
    if not acteur.is_agent:
        raise ActionReservee(RESERVEE_AUX_AGENTS)
    dossier = dossier_visible(repos, dossier_id, acteur)
    action = ActionNotee(
        dossier_id=dossier.id,
        agent_id=acteur.id,
        agent_nom=saisie.agent_nom,
        action=saisie.action,
        tache=saisie.tache,
        resultat=saisie.resultat,
        date=clock.now(),
    )
    repos.actions.ajouter(action)
    return action
