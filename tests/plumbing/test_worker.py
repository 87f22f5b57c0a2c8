"""A handler declared with `register_job` sees only what its contract names, validated, and writes its output.

Driven through a real pyzeebe worker against the real engine: the job fetches only the variables of
its input model (an applicant's other data never leaves the engine), bad input is an incident at
once naming the variable but not its value, and the output model becomes process variables.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field
from pyzeebe import Job, ZeebeClient, ZeebeTaskRouter, ZeebeWorker

from contracts.base import JobVariables
from contracts.jobs import JobContract
from plumbing.job_failures import job_failure_handler
from plumbing.worker import TypedJob, register_job
from tests.engine.helpers import search, variables_of
from tests.support.engine_server import EngineServer, start_engine

pytestmark = pytest.mark.integration

MODEL = Path(__file__).parent / "fixtures" / "typed_job.bpmn"


class Entree(JobVariables):
    dossier_id: str
    nombre_pieces: int = Field(ge=0)


class EnTetes(JobVariables):
    modele: str


class Sortie(JobVariables):
    recu_id: str
    pieces_recues: int


CONTRACT = JobContract("typed-job.work", Entree, Sortie, EnTetes)


async def recevoir(job: TypedJob[Entree, EnTetes]) -> Sortie:
    return Sortie(
        recu_id=f"{job.headers.modele}-{job.variables.dossier_id}", pieces_recues=job.variables.nombre_pieces
    )


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineServer]:
    with start_engine(tmp_path_factory.mktemp("engine")) as server:
        yield server


@pytest.fixture
async def running(engine: EngineServer) -> AsyncIterator[tuple[ZeebeClient, list[dict[str, Any]]]]:
    """A deployed model and a pyzeebe worker running `recevoir`; yields what each job carried."""
    channel = engine.channel()
    client = ZeebeClient(channel)
    await client.deploy_resource(str(MODEL))
    seen: list[dict[str, Any]] = []

    async def record(job: Job) -> Job:
        seen.append(dict(job.variables))
        return job

    router = ZeebeTaskRouter()
    register_job(router, CONTRACT, recevoir)
    worker = ZeebeWorker(
        channel, before=[record], exception_handler=job_failure_handler(), poll_retry_delay=0
    )
    worker.include_router(router)
    task = asyncio.create_task(worker.work())
    yield client, seen
    await worker.stop()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await channel.close()


async def test_the_handler_gets_only_its_variables_and_writes_its_output(
    running: tuple[ZeebeClient, list[dict[str, Any]]], engine: EngineServer
) -> None:
    client, seen = running
    secret = {"nom": "ETRANGER", "adresse": "20 rue Nationale"}
    result = await client.run_process_with_result(
        "typed-job",
        {"dossierId": "d-1", "nombrePieces": 3, "demandeur": secret, "correlationId": "c-1"},
        timeout=20_000,
    )
    assert result.variables["recuId"] == "recu-d-1"
    assert result.variables["piecesRecues"] == 3
    assert seen == [{"dossierId": "d-1", "nombrePieces": 3, "correlationId": "c-1"}]


async def test_bad_input_is_an_incident_naming_the_variable_not_its_value(
    running: tuple[ZeebeClient, list[dict[str, Any]]], engine: EngineServer
) -> None:
    client, _seen = running
    run = await client.run_process("typed-job", {"dossierId": "d-2", "nombrePieces": -7})
    key = run.process_instance_key
    async with engine.rest_client(timeout=10) as rest:
        incidents: list[dict[str, Any]] = []
        for _ in range(100):
            incidents = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
            if incidents:
                break
            await asyncio.sleep(0.1)
        [incident] = incidents
        assert "nombrePieces" in incident["errorMessage"]
        assert "-7" not in incident["errorMessage"]
        assert "recuId" not in await variables_of(rest, key)
