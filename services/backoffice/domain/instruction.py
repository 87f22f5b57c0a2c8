"""The rules of the instruction the forms alone cannot hold: four eyes on every decision.

The agent who examined the application and proposed the decision cannot validate it. The form
« Examiner la demande » does not say who filled it, so the back-office records it in the
process variable `examinateur` when completing the examination, and checks it at validation.
"""

from __future__ import annotations

from typing import Any

from contracts.process import Formulaire

EXAMINATEUR = "examinateur"  # the id of the agent who completed « Examiner la demande » last


class ValideurEtExaminateur(Exception):
    """The valideur is the agent who examined the application: another valideur must decide."""


class TacheNonAssignee(Exception):
    """Only the task's assignee may complete it: the agent takes it first."""


def peut_valider(agent_id: str, variables: dict[str, Any]) -> bool:
    return variables.get(EXAMINATEUR) != agent_id


def variables_de_completion(
    formulaire_id: str, agent_id: str, variables: dict[str, Any], reponse: dict[str, Any]
) -> dict[str, Any]:
    """The variables that complete the task: the checked answer, and who examined."""
    if formulaire_id == Formulaire.EXAMEN_DEMANDE:
        return {**reponse, EXAMINATEUR: agent_id}
    if formulaire_id == Formulaire.VALIDATION_DECISION and not peut_valider(agent_id, variables):
        raise ValideurEtExaminateur()
    return reponse
