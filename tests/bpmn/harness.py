"""Drive the renewal model through the engine, with stand-in workers for every job type.

The stand-ins record what each job asked (type, element, headers, variables) and answer with
contract-shaped outputs, so the model is verified independently of the real services.
"""

# No `from __future__ import annotations`: pyzeebe finds the `job: Job` parameter by its annotation.

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from pyzeebe import Job, ZeebeClient, ZeebeWorker
from pyzeebe.errors import BusinessError
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto.gateway_pb2_grpc import GatewayStub

from contracts.process import PROCESS_ID, JobType, Variable

REPO = Path(__file__).resolve().parents[2]
T0 = 1_900_000_000_000  # 2030-03-17T17:46:40Z, the deposit
DAY = 86_400_000
WAIT_S = 20.0
# Longer than any jump of the controlled clock in these tests, so no job times out and is redelivered
# while the clock moves.
JOB_TIMEOUT_MS = 400 * DAY
POLL_S = 0.02
MESSAGE_TTL_MS = DAY  # the dossier's and the notifier's default message TTL
SONDE_ID = "sonde-horloge"
# A process whose timer falls due at a given instant: once it has completed after the clock moved there,
# the scheduler has fired every timer due by then (it fires them in one pass, earliest first).
SONDE_BPMN = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_Sonde"
    targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="{SONDE_ID}" isExecutable="true">
    <bpmn:startEvent id="Start_Sonde"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="Event_Echeance">
      <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=echeance</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="End_Sonde"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_Sonde" targetRef="Event_Echeance" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Event_Echeance" targetRef="End_Sonde" />
  </bpmn:process>
</bpmn:definitions>
"""


@dataclass
class Call:
    job_type: str
    element_id: str
    headers: dict[str, str]
    variables: dict[str, Any]
    process_instance_key: int
    job_key: int
    retries: int

    @property
    def step(self) -> tuple[str, ...]:
        """A readable step: the job type and its header values."""
        return (self.job_type, *self.headers.values())


@dataclass
class StandIns:
    """Stand-in workers: contract-shaped answers, scripted failures and BPMN errors."""

    date_fin_validite_titre: str = "2031-03-01"
    prefecture: str = "prefecture-59"
    date_depot: str = "2030-03-17T17:46:40Z"  # T0
    failures: dict[str, int] = field(default_factory=dict)  # job type -> failures before success
    errors: dict[str, str] = field(default_factory=dict)  # job type -> BPMN error code thrown once
    calls: list[Call] = field(default_factory=list)
    attempts: list[Call] = field(default_factory=list)  # failed ones included
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _ids: Any = field(default_factory=itertools.count)

    def outputs(self, job: Job) -> dict[str, Any]:
        job_type = job.type
        if job_type == JobType.DOSSIER_ENREGISTRER:
            return {
                Variable.NUMERO_DEMANDE: "5901203003170000001",
                Variable.DATE_DEPOT: self.date_depot,
                Variable.CAS: "majeur",
                Variable.PREFECTURE: self.prefecture,
                Variable.DATE_FIN_VALIDITE_TITRE: self.date_fin_validite_titre,
                Variable.DEMANDEUR: {
                    "nom": "ETRANGER",
                    "prenoms": "SEPT",
                    "dateNaissance": "2006-07-01",
                    "lieuNaissance": "Brasilia",
                    "nationalite": "Brésilienne",
                    "numeroEtranger": "5903007178",
                    "courriel": "septetranger@example.org",
                    "adresse": "20 rue Nationale 59000 Lille",
                },
            }
        if job_type == JobType.DOCUMENTS_SCELLER:
            return {"documentsScelles": 6}
        if job_type == JobType.PDF_GENERER:
            n = next(self._ids)
            modele = job.custom_headers["modele"]
            return {Variable.DOCUMENT: {"id": f"doc-{n}", "modele": modele, "nomFichier": f"{modele}.pdf"}}
        if job_type == JobType.NOTIFIER_NOTIFIER:
            return {Variable.NOTIFICATION_ID: f"notification-{next(self._ids)}"}
        if job_type == JobType.DOSSIER_OUVRIR_COMPLEMENTS:
            rounds = sum(
                1
                for c in self.calls
                if c.job_type == job_type and c.process_instance_key == job.process_instance_key
            )
            return {Variable.RONDE_COMPLEMENTS: rounds + 1}
        return {}

    async def handle(self, job: Job) -> dict[str, Any]:
        call = Call(
            job_type=job.type,
            element_id=job.element_id,
            headers=dict(job.custom_headers),
            variables=dict(job.variables),
            process_instance_key=job.process_instance_key,
            job_key=job.key,
            retries=job.retries,
        )
        async with self._changed:
            self.attempts.append(call)
            self._changed.notify_all()
        if self.failures.get(job.type, 0) > 0:
            self.failures[job.type] -= 1
            raise RuntimeError(f"{job.type} indisponible (panne simulée)")
        if job.type in self.errors:
            raise BusinessError(self.errors.pop(job.type), "erreur métier simulée")
        outputs = self.outputs(job)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return {str(k): v for k, v in outputs.items()}

    def worker(self, client_channel: Any) -> ZeebeWorker:
        worker = ZeebeWorker(client_channel, name="remplacants", poll_retry_delay=1)
        for job_type in JobType:
            worker.task(task_type=job_type.value, timeout_ms=JOB_TIMEOUT_MS, max_jobs_to_activate=8)(
                self._handler()
            )
        return worker

    def _handler(self) -> Callable[..., Any]:
        async def handler(job: Job) -> dict[str, Any]:
            return await self.handle(job)

        return handler

    def of(self, key: int, job_type: str | None = None) -> list[Call]:
        return [c for c in self.calls if c.process_instance_key == key and job_type in (None, c.job_type)]

    def steps(self, key: int) -> list[tuple[str, ...]]:
        return [c.step for c in self.of(key)]

    async def wait(self, key: int, job_type: str, count: int = 1, *, attempts: bool = False) -> list[Call]:
        """The calls of `job_type` for this instance, once there are at least `count` of them."""
        source = self.attempts if attempts else self.calls

        def found() -> list[Call]:
            return [c for c in source if c.process_instance_key == key and c.job_type == job_type]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(found()) >= count), WAIT_S)
        return found()


class Renewal:
    """The engine seen by the tests: deploy, start, user tasks, messages, clock, states."""

    def __init__(self, channel: Any, rest: httpx.AsyncClient) -> None:
        self.zeebe, self.gateway, self.rest = ZeebeClient(channel), GatewayStub(channel), rest

    async def deploy(self, scratch: Path) -> None:
        sonde = scratch / f"{SONDE_ID}.bpmn"
        sonde.write_text(SONDE_BPMN, encoding="utf-8")
        resources = [*REPO.glob("bpmn/*.bpmn"), *REPO.glob("bpmn/forms/*.form"), sonde]
        await self.zeebe.deploy_resource(*[str(p) for p in resources])

    async def start(self, dossier_id: str) -> int:
        variables = {
            Variable.DOSSIER_ID: dossier_id,
            Variable.DEMANDEUR_ID: "demandeur-1",
            Variable.CORRELATION_ID: "c-1",
        }
        created = await self.zeebe.run_process(PROCESS_ID, {str(k): v for k, v in variables.items()})
        return int(created.process_instance_key)

    async def set_clock(self, epoch_ms: int) -> None:
        response = await self.rest.put("/v2/clock", json={"timestamp": epoch_ms})
        assert response.status_code == 204, response.text

    async def advance(self, epoch_ms: int) -> None:
        """Move the clock to `epoch_ms` and return once every timer due by then has fired."""
        instant = datetime.fromtimestamp(epoch_ms / 1000, UTC).isoformat(timespec="milliseconds")
        created = await self.zeebe.run_process(SONDE_ID, {"echeance": instant.replace("+00:00", "Z")})
        await self.set_clock(epoch_ms)
        await self.ended(int(created.process_instance_key))

    async def _search(self, path: str, filter_: dict[str, Any]) -> list[dict[str, Any]]:
        response = await self.rest.post(path, json={"filter": filter_, "page": {"limit": 1000}})
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    async def _until(self, probe: Callable[[], Any], what: str) -> Any:
        deadline = time.monotonic() + WAIT_S
        while True:
            found = await probe()
            if found:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"toujours pas : {what}")
            await asyncio.sleep(POLL_S)

    async def user_task(self, key: int, element_id: str) -> dict[str, Any]:
        """The open user task `element_id` of this instance, once it exists."""

        async def probe() -> Any:
            tasks = await self._search(
                "/v2/user-tasks/search",
                {"processInstanceKey": str(key), "elementId": element_id, "state": "CREATED"},
            )
            return tasks[0] if tasks else None

        return await self._until(probe, f"tâche {element_id} ouverte")

    async def open_user_tasks(self, key: int) -> list[str]:
        tasks = await self._search(
            "/v2/user-tasks/search", {"processInstanceKey": str(key), "state": "CREATED"}
        )
        return sorted(t["elementId"] for t in tasks)

    async def complete(self, key: int, element_id: str, variables: dict[str, Any]) -> dict[str, Any]:
        task = await self.user_task(key, element_id)
        response = await self.rest.post(
            f"/v2/user-tasks/{task['userTaskKey']}/completion", json={"variables": variables}
        )
        assert response.status_code == 204, response.text
        return task

    async def waiting_at(self, key: int, element_id: str) -> None:
        """Until the element (a catch event, a gateway, a subprocess) is active in this instance."""

        async def probe() -> Any:
            return await self._search(
                "/v2/element-instances/search",
                {"processInstanceKey": str(key), "elementId": element_id, "state": "ACTIVE"},
            )

        await self._until(probe, f"{element_id} actif")

    async def active(self, key: int, element_id: str) -> bool:
        """Whether the element is active now (no waiting: for what must not have happened yet)."""
        items = await self._search(
            "/v2/element-instances/search",
            {"processInstanceKey": str(key), "elementId": element_id, "state": "ACTIVE"},
        )
        return bool(items)

    async def passed(self, key: int, element_id: str) -> int:
        """How many times the element completed or was terminated in this instance."""
        items = await self._search(
            "/v2/element-instances/search", {"processInstanceKey": str(key), "elementId": element_id}
        )
        return sum(1 for i in items if i["state"] in ("COMPLETED", "TERMINATED"))

    async def ended(self, key: int) -> str:
        async def probe() -> Any:
            response = await self.rest.get(f"/v2/process-instances/{key}")
            assert response.status_code == 200, response.text
            state = response.json()["state"]
            return state if state != "ACTIVE" else None

        return await self._until(probe, f"fin de l'instance {key}")

    async def state(self, key: int) -> str:
        response = await self.rest.get(f"/v2/process-instances/{key}")
        return str(response.json()["state"])

    async def publish(
        self, name: str, correlation_key: str, variables: dict[str, Any] | None = None, message_id: str = ""
    ) -> None:
        """As the services publish: buffered for a day (their default TTL), with their message id."""
        await self.zeebe.publish_message(
            name,
            correlation_key,
            {str(k): v for k, v in (variables or {}).items()},
            time_to_live_in_milliseconds=MESSAGE_TTL_MS,
            message_id=message_id or f"{name}-{correlation_key}",
        )

    async def incidents(self, key: int) -> list[dict[str, Any]]:
        return await self._search("/v2/incidents/search", {"processInstanceKey": str(key), "state": "ACTIVE"})

    async def incident(self, key: int) -> dict[str, Any]:
        """The instance's one open incident, once there is one."""

        async def probe() -> Any:
            return await self.incidents(key)

        [found] = await self._until(probe, f"incident de l'instance {key}")
        return dict(found)

    async def retry(self, incident: dict[str, Any], retries: int = 3) -> None:
        """What an operator does once the service is back: give the job retries, resolve the incident."""
        await self.gateway.UpdateJobRetries(
            pb.UpdateJobRetriesRequest(jobKey=int(incident["jobKey"]), retries=retries)
        )
        response = await self.rest.post(f"/v2/incidents/{incident['incidentKey']}/resolution")
        assert response.status_code == 204, response.text

    async def variables(self, key: int) -> dict[str, Any]:
        items = await self._search(
            "/v2/variables/search", {"processInstanceKey": str(key), "scopeKey": str(key)}
        )
        return {i["name"]: json.loads(i["value"]) for i in items}
