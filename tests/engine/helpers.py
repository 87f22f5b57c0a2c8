"""Small protocol-level helpers for engine tests (raw gRPC stubs, as any Zeebe client would)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import grpc
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto.gateway_pb2_grpc import GatewayStub

from tests.support.engine_server import TEST_CLIENT, EngineServer

FIXTURES = Path(__file__).parent / "fixtures"


@asynccontextmanager
async def gateway(engine: EngineServer, client_id: str = TEST_CLIENT) -> AsyncIterator[Any]:
    """A raw stub whose calls carry `client_id`'s bearer token."""
    # A local subchannel pool: after an engine restart on the same port, a channel must not inherit the
    # reconnect back-off of the process-wide subchannel that saw the old engine die.
    options = [("grpc.use_local_subchannel_pool", 1)]
    credentials = engine.grpc_credentials(client_id)
    async with grpc.aio.secure_channel(engine.grpc_address, credentials, options=options) as channel:
        yield GatewayStub(channel)


async def deploy(stub: Any, *names: str) -> Any:
    resources = [pb.Resource(name=name, content=(FIXTURES / name).read_bytes()) for name in names]
    return await stub.DeployResource(pb.DeployResourceRequest(resources=resources))


async def create(stub: Any, process_id: str, variables: dict[str, Any] | None = None) -> int:
    response = await stub.CreateProcessInstance(
        pb.CreateProcessInstanceRequest(
            bpmnProcessId=process_id, version=-1, variables=json.dumps(variables or {})
        )
    )
    return int(response.processInstanceKey)


async def activate(
    stub: Any,
    job_type: str,
    *,
    max_jobs: int = 10,
    timeout_ms: int = 30_000,
    request_timeout_ms: int = 5_000,
    worker: str = "test",
    fetch: list[str] | None = None,
) -> list[Any]:
    jobs: list[Any] = []
    call = stub.ActivateJobs(
        pb.ActivateJobsRequest(
            type=job_type,
            worker=worker,
            timeout=timeout_ms,
            maxJobsToActivate=max_jobs,
            requestTimeout=request_timeout_ms,
            fetchVariable=fetch or [],
        ),
        timeout=request_timeout_ms / 1000 + 5,
    )
    async for response in call:
        jobs.extend(response.jobs)
    return jobs


async def complete(stub: Any, job: Any, variables: dict[str, Any] | None = None) -> None:
    await stub.CompleteJob(pb.CompleteJobRequest(jobKey=job.key, variables=json.dumps(variables or {})))


async def search(
    rest: Any, path: str, filter_: dict[str, Any] | None = None, **extra: Any
) -> list[dict[str, Any]]:
    response = await rest.post(path, json={"filter": filter_ or {}, **extra})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def instance_state(rest: Any, key: int) -> str:
    response = await rest.get(f"/v2/process-instances/{key}")
    assert response.status_code == 200, response.text
    return str(response.json()["state"])


async def variables_of(rest: Any, key: int, scope_key: int | None = None) -> dict[str, Any]:
    items = await search(
        rest, "/v2/variables/search", {"processInstanceKey": str(key), "scopeKey": str(scope_key or key)}
    )
    return {item["name"]: json.loads(item["value"]) for item in items}


async def pin_clock(rest: Any, epoch_ms: int) -> None:
    response = await rest.put("/v2/clock", json={"timestamp": epoch_ms})
    assert response.status_code == 204, response.text
