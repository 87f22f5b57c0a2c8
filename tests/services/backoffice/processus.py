"""The renewal model (bpmn/ and its forms) driven to its user tasks, with stand-in workers over REST.

The stand-ins answer each job as `tests.bpmn.harness.StandIns` does (contract-shaped outputs),
activated and completed through the engine's job REST API (`POST /v2/jobs/activation`).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from contracts.process import PROCESS_ID, JobType
from tests.bpmn.harness import StandIns
from tests.support.jobs import job

REPO = Path(__file__).resolve().parents[3]
MODELE = [*sorted(REPO.glob("bpmn/*.bpmn")), *sorted(REPO.glob("bpmn/forms/*.form"))]
ESSAIS = 400
PAUSE_S = 0.05


@dataclass
class Processus:
    engine: httpx.AsyncClient
    remplacants: dict[str, StandIns] = field(default_factory=dict)  # instance → its stand-ins

    async def demarrer(self, dossier_id: str, prefecture: str = "59") -> str:
        corps = {
            "processDefinitionId": PROCESS_ID,
            "variables": {"dossierId": dossier_id, "demandeurId": "demandeur-1", "correlationId": "c-1"},
        }
        reponse = await self.engine.post("/v2/process-instances", json=corps)
        assert reponse.status_code == 200, reponse.text
        instance = str(reponse.json()["processInstanceKey"])
        # deposited ten days ago: a decision may be dated from then to today
        depot = (datetime.now(UTC) - timedelta(days=10)).isoformat(timespec="seconds")
        self.remplacants[instance] = StandIns(prefecture=f"prefecture-{prefecture}", date_depot=depot)
        return instance

    async def tache(self, instance: str, element_id: str) -> str:
        """The key of the open user task `element_id`, once the stand-ins have driven the instance there."""
        for _ in range(ESSAIS):
            if cles := await self.taches_ouvertes(instance, element_id):
                return cles[0]
            await self.executer_les_jobs()
            await asyncio.sleep(PAUSE_S)
        raise AssertionError(f"la tâche {element_id} n'est pas ouverte")

    async def taches_ouvertes(self, instance: str, element_id: str) -> list[str]:
        filtre = {"processInstanceKey": instance, "elementId": element_id, "state": "CREATED"}
        items = (await self.engine.post("/v2/user-tasks/search", json={"filter": filtre})).json()["items"]
        return [str(t["userTaskKey"]) for t in items]

    async def actif(self, instance: str, element_id: str) -> bool:
        filtre = {"processInstanceKey": instance, "elementId": element_id, "state": "ACTIVE"}
        reponse = await self.engine.post("/v2/element-instances/search", json={"filter": filtre})
        return bool(reponse.json()["items"])

    async def attendre(self, instance: str, element_id: str) -> None:
        """Until the element is active (a service task waiting for its worker, for instance)."""
        for _ in range(ESSAIS):
            if await self.actif(instance, element_id):
                return
            await asyncio.sleep(PAUSE_S)
        raise AssertionError(f"{element_id} n'est pas actif")

    async def variables(self, instance: str) -> dict[str, Any]:
        filtre = {"processInstanceKey": instance, "scopeKey": instance}
        items = (await self.engine.post("/v2/variables/search", json={"filter": filtre})).json()["items"]
        return {i["name"]: json.loads(i["value"]) for i in items}

    async def executer_les_jobs(self) -> None:
        for job_type in JobType:
            corps = {"type": job_type.value, "worker": "remplacants", "timeout": 60_000}
            corps |= {"maxJobsToActivate": 10, "requestTimeout": -1}
            activation = await self.engine.post("/v2/jobs/activation", json=corps)
            for active in activation.json()["jobs"]:
                remplacants = self.remplacants.get(str(active["processInstanceKey"]), StandIns())
                sorties = remplacants.outputs(job(job_type, active["variables"], active["customHeaders"]))
                variables = {str(cle): valeur for cle, valeur in sorties.items()}
                reponse = await self.engine.post(
                    f"/v2/jobs/{active['jobKey']}/completion", json={"variables": variables}
                )
                assert reponse.status_code == 204, reponse.text

    async def ouverture_demandee(self, instance: str) -> str:
        """Once the complement request is notified and awaits its opening: the notification's id."""
        for _ in range(ESSAIS):
            await self.executer_les_jobs()
            if await self.actif(instance, "Event_NotificationOuverte"):
                return str((await self.variables(instance))["notificationComplements"])
            await asyncio.sleep(PAUSE_S)
        raise AssertionError("la demande de compléments n'attend pas son ouverture")

    async def publier_lue(self, notification: str) -> None:
        """What the notifier publishes when the applicant opens the request."""
        corps = {"name": "notification-lue", "correlationKey": notification, "timeToLive": 60_000}
        reponse = await self.engine.post("/v2/messages/publication", json=corps)
        assert reponse.status_code == 200, reponse.text

    async def avancer_horloge(self, duree_ms: int) -> None:
        """The engine's clock pinned `duree_ms` ahead of now (its timers fire when due)."""
        instant = int(datetime.now(UTC).timestamp() * 1000) + duree_ms
        reponse = await self.engine.put("/v2/clock", json={"timestamp": instant})
        assert reponse.status_code == 204, reponse.text
