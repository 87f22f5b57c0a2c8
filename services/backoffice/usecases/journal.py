"""The audit trail: after each successful action on a task, the dossier service records who did
what, when, on which dossier. The action is done already: a trail that cannot be written is
logged (ids only) and the agent goes on."""

from __future__ import annotations

import logging

from contracts.dossier import ActionAgent, ActionAgentSaisie
from plumbing.actors import Actor
from services.backoffice.domain.ports import ActionNonJournalisee, Dossiers, Moteur
from services.backoffice.domain.taches import Tache

log = logging.getLogger(__name__)


async def noter(
    *,
    agent: Actor,
    nom: str | None,
    action: ActionAgent,
    tache: Tache,
    moteur: Moteur,
    dossiers: Dossiers,
    dossier_id: str | None = None,
    resultat: str | None = None,
) -> bool:
    """True once recorded; False when the instance names no dossier, or the service refuses or is down."""
    dossier_id = dossier_id or await moteur.dossier_de_l_instance(tache.instance)
    if dossier_id is None:
        return False
    saisie = ActionAgentSaisie(action=action, tache=tache.nom[:200], resultat=resultat, agent_nom=nom)
    try:
        await dossiers.noter_action(agent, dossier_id, saisie)
    except ActionNonJournalisee:
        log.warning(
            "action non journalisée",
            extra={"action": action.value, "tache": tache.cle, "dossier_id": dossier_id},
        )
        return False
    return True
