"""The engine's Camunda REST API (`adapters.camunda`) as `domain.ports.Moteur`."""

from __future__ import annotations

import json
from typing import Any

from contracts.process import Variable
from services.backoffice.adapters.camunda import CamundaClient, CamundaRefused, UserTask
from services.backoffice.domain.acces import TacheDejaAssignee, TacheIntrouvable
from services.backoffice.domain.taches import Tache

OUVERTE = "CREATED"
ORDRE = [{"field": "dueDate", "order": "ASC"}, {"field": "creationDate", "order": "ASC"}]


def tache(task: UserTask) -> Tache:
    return Tache(
        cle=task.user_task_key,
        nom=task.name or task.element_id,
        assignee=task.assignee,
        groupes=tuple(task.candidate_groups),
        instance=task.process_instance_key,
        processus=task.process_name or task.process_definition_id,
        creee_le=task.creation_date,
        echeance=task.due_date,
    )


def _valeur(texte: str) -> Any:
    try:
        return json.loads(texte)
    except ValueError:
        return texte


class CamundaMoteur:
    def __init__(self, client: CamundaClient) -> None:
        self.client = client

    async def taches_ouvertes(self, groupes: list[str]) -> list[Tache]:
        filtre = {"state": OUVERTE, "candidateGroups": {"$in": groupes}}
        return [tache(t) for t in await self.client.search_user_tasks(filtre, ORDRE)]

    async def tache(self, cle: str) -> Tache | None:
        task = await self.client.user_task(cle)
        return tache(task) if task is not None and task.state == OUVERTE else None

    async def groupes_des_instances(self, instances: list[str]) -> dict[str, str]:
        filtre = {"name": Variable.PREFECTURE.value, "processInstanceKey": {"$in": instances}}
        trouvees = await self.client.search_variables(filtre)
        return {v.process_instance_key: str(_valeur(v.value)) for v in trouvees}

    async def variables(self, instance: str) -> dict[str, Any]:
        trouvees = await self.client.search_variables({"processInstanceKey": instance})
        return {v.name: _valeur(v.value) for v in sorted(trouvees, key=lambda v: v.name)}

    async def assigner(self, cle: str, agent_id: str) -> None:
        try:
            await self.client.assign_user_task(cle, agent_id)
        except CamundaRefused as refus:
            if refus.status == 409:
                raise TacheDejaAssignee(cle) from None
            raise

    async def desassigner(self, cle: str) -> None:
        await self.client.unassign_user_task(cle)

    async def formulaire(self, cle: str) -> dict[str, Any] | None:
        return await self.client.user_task_form(cle)

    async def completer(self, cle: str, variables: dict[str, Any]) -> None:
        try:
            await self.client.complete_user_task(cle, variables)
        except CamundaRefused as refus:
            if refus.status in (400, 404, 409):  # 400: not a key
                raise TacheIntrouvable(cle) from None
            raise
