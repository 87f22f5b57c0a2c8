"""The engine's Camunda REST API (`adapters.camunda`) as `domain.ports.Moteur`."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from contracts.process import Variable
from services.backoffice.adapters.camunda import CamundaClient, CamundaRefused, UserTask
from services.backoffice.domain.acces import TacheDejaAssignee, TacheIntrouvable
from services.backoffice.domain.taches import FiltresTaches, Tache, Tri

OUVERTE = "CREATED"
PARIS = ZoneInfo("Europe/Paris")
ORDRES = {
    Tri.ECHEANCE: [{"field": "dueDate", "order": "ASC"}, {"field": "creationDate", "order": "ASC"}],
    Tri.SUIVI: [{"field": "followUpDate", "order": "ASC"}, {"field": "dueDate", "order": "ASC"}],
    Tri.CREATION: [{"field": "creationDate", "order": "ASC"}],
}


def _debut_du_jour(jour: date) -> str:
    """Midnight in France that day, as Camunda's ISO 8601 date-time in UTC."""
    return (
        datetime.combine(jour, time(), PARIS).astimezone(ZoneInfo("UTC")).isoformat().replace("+00:00", "Z")
    )


def _periode(du: date | None, au: date | None) -> dict[str, str] | None:
    """Camunda's date-time filter for the days `du` to `au`, both included (in France)."""
    periode = {}
    if du is not None:
        periode["$gte"] = _debut_du_jour(du)
    if au is not None:
        periode["$lt"] = _debut_du_jour(au + timedelta(days=1))
    return periode or None


def filtre_camunda(groupes: list[str], filtres: FiltresTaches) -> dict[str, Any]:
    """The user-task search's filter (Camunda 8.9 shapes) for the agent's groups and filters."""
    filtre: dict[str, Any] = {"state": OUVERTE, "candidateGroups": {"$in": groupes}}
    if filtres.processus:
        filtre["processDefinitionId"] = filtres.processus
    if filtres.tache:
        filtre["name"] = filtres.tache
    if echeance := _periode(filtres.echeance_du, filtres.echeance_au):
        filtre["dueDate"] = echeance
    if suivi := _periode(filtres.suivi_du, filtres.suivi_au):
        filtre["followUpDate"] = suivi
    return filtre


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
        suivi=task.follow_up_date,
        processus_id=task.process_definition_id,
    )


def _valeur(texte: str) -> Any:
    try:
        return json.loads(texte)
    except ValueError:
        return texte


class CamundaMoteur:
    def __init__(self, client: CamundaClient) -> None:
        self.client = client

    async def taches_ouvertes(self, groupes: list[str], filtres: FiltresTaches | None = None) -> list[Tache]:
        filtres = filtres or FiltresTaches()
        trouvees = await self.client.search_user_tasks(filtre_camunda(groupes, filtres), ORDRES[filtres.tri])
        return [tache(t) for t in trouvees]

    async def tache(self, cle: str) -> Tache | None:
        task = await self.client.user_task(cle)
        return tache(task) if task is not None and task.state == OUVERTE else None

    async def groupes_des_instances(self, instances: list[str]) -> dict[str, str]:
        filtre = {"name": Variable.PREFECTURE.value, "processInstanceKey": {"$in": instances}}
        trouvees = await self.client.search_variables(filtre)
        return {v.process_instance_key: str(_valeur(v.value)) for v in trouvees}

    async def dossier_de_l_instance(self, instance: str) -> str | None:
        filtre = {"name": Variable.DOSSIER_ID.value, "processInstanceKey": instance}
        trouvees = [_valeur(v.value) for v in await self.client.search_variables(filtre)]
        return next((v for v in trouvees if isinstance(v, str)), None)

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
