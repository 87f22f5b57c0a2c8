"""Topology, health, keys and versions as Zeebe makes them; zbctl against the engine."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto.gateway_pb2_grpc import GatewayStub

from tests.engine.helpers import FIXTURES, activate, complete, create, deploy, gateway, pin_clock
from tests.support.engine_server import EngineServer, start_engine
from tests.support.engine_tokens import shared_token_server

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
ZBCTL = REPO / "node_modules" / ".bin" / "zbctl"


def zbctl_binary() -> Path:
    """The Go binary behind npm's node wrapper, so that stopping a worker really stops it."""
    native = ZBCTL.resolve().parent / "zbctl-cli.linux"
    return native if native.exists() else ZBCTL


async def test_topology_and_health(engine, rest) -> None:
    async with gateway(engine) as stub:
        topology = await stub.Topology(pb.TopologyRequest())
        assert topology.partitionsCount == 1
        assert topology.brokers[0].partitions[0].role == pb.Partition.LEADER
    async with grpc.aio.insecure_channel(engine.grpc_address) as channel:  # health needs no token
        health = health_pb2_grpc.HealthStub(channel)
        for service in ("", "gateway_protocol.Gateway"):
            answer = await health.Check(health_pb2.HealthCheckRequest(service=service))
            assert answer.status == health_pb2.HealthCheckResponse.SERVING
    assert (await rest.get("/v2/topology")).json()["brokers"][0]["partitions"][0]["role"] == "leader"
    assert (await rest.get("/healthz")).status_code == 200
    assert (await rest.get("/readyz")).status_code == 200


async def test_versions_per_process_id_and_idempotent_redeploy(engine, tmp_path) -> None:
    original = (FIXTURES / "one_task.bpmn").read_text()
    changed = original.replace('id="one-task"', 'id="versioned"')
    async with gateway(engine) as stub:
        first = await stub.DeployResource(
            pb.DeployResourceRequest(resources=[pb.Resource(name="v.bpmn", content=changed.encode())])
        )
        again = await stub.DeployResource(
            pb.DeployResourceRequest(resources=[pb.Resource(name="v.bpmn", content=changed.encode())])
        )
        assert again.deployments[0].process.version == first.deployments[0].process.version
        newer = changed.replace('value="recu"', 'value="recu-v2"')
        second = await stub.DeployResource(
            pb.DeployResourceRequest(resources=[pb.Resource(name="v.bpmn", content=newer.encode())])
        )
        assert second.deployments[0].process.version == first.deployments[0].process.version + 1
        legacy = await stub.DeployProcess(
            pb.DeployProcessRequest(
                processes=[pb.ProcessRequestObject(name="v.bpmn", definition=newer.encode())]
            )
        )
        assert legacy.processes[0].version == second.deployments[0].process.version


async def zbctl(engine, *args: str, stdin: bytes | None = None) -> tuple[int, str]:
    assert ZBCTL.exists(), f"zbctl is expected at {ZBCTL} (npm install in the repository root)"
    env = {**os.environ, **engine.client_env()}
    process = await asyncio.create_subprocess_exec(
        str(ZBCTL),
        *args,
        "--insecure",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,  # zbctl warns there that credentials travel in plaintext locally
        env=env,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin), 30)
    code = process.returncode or 0
    return code, out.decode() if code == 0 else f"{out.decode()}{err.decode()}"


async def test_zbctl_status_deploy_create_and_worker(engine) -> None:
    code, out = await zbctl(engine, "status")
    assert code == 0, out
    assert "Partition 1 : Leader, Healthy" in out
    code, out = await zbctl(engine, "deploy", str(FIXTURES / "zbctl_task.bpmn"))
    assert code == 0, out
    assert json.loads(out)["processes"][0]["bpmnProcessId"] == "zbctl-task"
    code, out = await zbctl(engine, "deploy", "resource", str(FIXTURES / "parallel.bpmn"))
    assert code == 0, out
    worker = await asyncio.create_subprocess_exec(
        str(zbctl_binary()),
        "create",
        "worker",
        "zbctl-task.work",
        "--handler",
        "cat",
        "--insecure",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ, **engine.client_env()},
    )
    try:
        code, out = await zbctl(
            engine,
            "create",
            "instance",
            "zbctl-task",
            "--variables",
            '{"via": "zbctl"}',
            "--withResult",
        )
        assert code == 0, out
        result = json.loads(out)
        assert json.loads(result["variables"])["via"] == "zbctl"
    finally:
        worker.terminate()
        await worker.wait()


async def test_clock_is_pinned_and_reset(engine, rest) -> None:
    # the shared engine: pinned in the past, so that no timer of another test fires
    past = int(time.time() * 1000) - 86_400_000
    async with gateway(engine) as stub:
        await deploy(stub, "clock_task.bpmn")
        await pin_clock(rest, past)
        try:
            await create(stub, "clock-task")
            await create(stub, "clock-task")
            # leased for two days from the pinned instant: still leased once the clock is reset
            [pinned] = await activate(stub, "clock-task.work", max_jobs=1, timeout_ms=2 * 86_400_000)
            assert pinned.deadline == past + 2 * 86_400_000
        finally:
            assert (await rest.post("/v2/clock/reset")).status_code == 204
        [live] = await activate(stub, "clock-task.work", max_jobs=1, timeout_ms=1_000)
        assert live.key != pinned.key
        assert abs(live.deadline - (time.time() * 1000 + 1_000)) < 60_000
        await complete(stub, pinned)
        await complete(stub, live)
    bad = await rest.put("/v2/clock", json={"timestamp": "tomorrow"})
    assert bad.status_code == 400


async def test_clock_control_is_off_unless_configured(tmp_path) -> None:
    with start_engine(tmp_path, extra_env={"ENGINE_CLOCK_CONTROL": "false"}) as engine:
        async with engine.rest_client() as rest:
            assert (await rest.put("/v2/clock", json={"timestamp": 0})).status_code == 403
            assert (await rest.post("/v2/clock/reset")).status_code == 403


def test_the_grpc_port_opens_only_when_the_gateway_serves(tmp_path) -> None:
    # a client waiting for the port (a worker that outlived its engine) calls the moment it accepts: it
    # must get SERVING and working calls, never the health service's NOT_FOUND of a gateway still starting
    server = EngineServer(
        f"sqlite:///{tmp_path / 'engine.db'}", tmp_path / "engine.log", auth=shared_token_server()
    )
    options = [
        ("grpc.use_local_subchannel_pool", 1),
        ("grpc.initial_reconnect_backoff_ms", 5),
        ("grpc.min_reconnect_backoff_ms", 5),
        ("grpc.max_reconnect_backoff_ms", 5),
    ]
    with grpc.secure_channel(server.grpc_address, server.grpc_credentials(), options=options) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        request = health_pb2.HealthCheckRequest(service="gateway_protocol.Gateway")
        server.launch()
        try:
            answer = health.Check(request, timeout=30, wait_for_ready=True)
            assert answer.status == health_pb2.HealthCheckResponse.SERVING
            topology = GatewayStub(channel).Topology(pb.TopologyRequest(), timeout=5)
            assert topology.brokers[0].partitions[0].role == pb.Partition.LEADER
            topology_url = f"{server.rest_url}/v2/topology"
            assert httpx.get(topology_url, auth=server.bearer(), timeout=5).status_code == 200
        finally:
            server.stop()
