"""Every call to the engine but health carries a bearer token from identity, and the token's permissions.

The attacks of issue 10 item 1, replayed anonymously and with a worker's token: read an applicant's
variables, complete a user task, set variables, publish `notification-lue`, cancel an instance, deploy;
then expired, forged and wrongly-addressed tokens; then the clients that must work unchanged with
identity's token endpoint (pyzeebe's OAuth channel, zbctl, the Camunda SDK's OAuth strategy).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from camunda_orchestration_sdk import CamundaAsyncClient
from camunda_orchestration_sdk.models import UserTaskSearchQuery
from joserfc import jwt
from pyzeebe import ZeebeClient
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto.gateway_pb2_grpc import GatewayStub

from contracts.engine_access import ENGINE_AUDIENCE
from services.identity.adapters.emetteur_moteur import nouvelle_cle
from tests.engine.test_protocol import ZBCTL
from tests.support.engine_server import EngineServer, start_engine
from tests.support.engine_tokens import TokenServer, shared_token_server

pytestmark = pytest.mark.integration

NOTIFIER_TASK = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="auth-notifier" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="notifier">
      <bpmn:extensionElements><zeebe:taskDefinition type="notifier.notifier" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="decider">
      <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notifier" />
    <bpmn:sequenceFlow id="f2" sourceRef="notifier" targetRef="decider" />
    <bpmn:sequenceFlow id="f3" sourceRef="decider" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture(scope="module")
def tokens() -> TokenServer:
    return shared_token_server()  # the one every test engine checks


@pytest.fixture(scope="module")
def secured(tokens: TokenServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineServer]:
    with start_engine(tmp_path_factory.mktemp("secured"), auth=tokens) as engine:
        yield engine


@pytest.fixture
async def rest(secured: EngineServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=secured.rest_url, timeout=30) as client:
        yield client


def bearer(token: str) -> list[tuple[str, str]]:
    return [("authorization", f"Bearer {token}")]


@pytest.fixture(scope="module")
def instance(tokens: TokenServer, secured: EngineServer) -> dict[str, int]:
    """An instance waiting at its notifier job, made with the tests' token: its keys."""

    async def make() -> dict[str, int]:
        async with grpc.aio.insecure_channel(secured.grpc_address) as channel:
            stub, auth = GatewayStub(channel), bearer(tokens.token("tests"))
            resource = pb.Resource(name="auth.bpmn", content=NOTIFIER_TASK.encode())
            await stub.DeployResource(pb.DeployResourceRequest(resources=[resource]), metadata=auth)
            created = await stub.CreateProcessInstance(
                pb.CreateProcessInstanceRequest(
                    bpmnProcessId="auth-notifier", version=-1, variables=json.dumps({"courriel": "a@b.fr"})
                ),
                metadata=auth,
            )
            activation = pb.ActivateJobsRequest(
                type="notifier.notifier",
                worker="t",
                timeout=600_000,
                maxJobsToActivate=1,
                requestTimeout=5_000,
            )
            job_keys = [
                job.key
                async for answer in stub.ActivateJobs(activation, metadata=auth)
                for job in answer.jobs
            ]
        return {"instance": created.processInstanceKey, "job": job_keys[0]}

    return asyncio.run(make())


# -- anonymous and forged callers ------------------------------------------------------------------

ANONYMOUS_REST = [
    ("POST", "/v2/variables/search", {}),
    ("POST", "/v2/user-tasks/search", {}),
    ("POST", "/v2/user-tasks/{task}/completion", {"variables": {"decision": "favorable"}}),
    ("POST", "/v2/messages/publication", {"name": "notification-lue", "correlationKey": "x"}),
    ("POST", "/v2/process-instances/{instance}/cancellation", {}),
    ("POST", "/v2/jobs/activation", {"type": "notifier.notifier", "timeout": 1000, "maxJobsToActivate": 1}),
    ("PUT", "/v2/clock", {"timestamp": 0}),
    ("GET", "/v2/topology", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ANONYMOUS_REST)
async def test_an_anonymous_rest_call_is_refused_with_401(
    rest: httpx.AsyncClient, instance: dict[str, int], method: str, path: str, body: Any
) -> None:
    url = path.format(task=instance["instance"], instance=instance["instance"])
    answer = await rest.request(method, url, json=body)
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert answer.json()["status"] == 401


async def test_an_anonymous_deployment_is_refused(rest: httpx.AsyncClient) -> None:
    files = {"resources": ("evil.bpmn", NOTIFIER_TASK.replace("auth-notifier", "evil").encode(), "text/xml")}
    answer = await rest.post("/v2/deployments", files=files)
    assert answer.status_code == 401


async def test_health_stays_public(rest: httpx.AsyncClient) -> None:
    assert (await rest.get("/healthz")).status_code == 200
    assert (await rest.get("/readyz")).status_code == 200


def anonymous_grpc_calls(keys: dict[str, int]) -> list[tuple[str, Any]]:
    return [
        (
            "SetVariables",
            pb.SetVariablesRequest(elementInstanceKey=keys["instance"], variables='{"courriel":"x@evil"}'),
        ),
        (
            "PublishMessage",
            pb.PublishMessageRequest(name="notification-lue", correlationKey="x", timeToLive=1000),
        ),
        ("CancelProcessInstance", pb.CancelProcessInstanceRequest(processInstanceKey=keys["instance"])),
        ("DeployResource", pb.DeployResourceRequest(resources=[pb.Resource(name="e.bpmn", content=b"<x/>")])),
        ("CompleteJob", pb.CompleteJobRequest(jobKey=keys["job"], variables="{}")),
        ("Topology", pb.TopologyRequest()),
    ]


@pytest.mark.parametrize("call", range(6))
async def test_an_anonymous_grpc_call_is_unauthenticated(
    secured: EngineServer, instance: dict[str, int], call: int
) -> None:
    method, request = anonymous_grpc_calls(instance)[call]
    async with grpc.aio.insecure_channel(secured.grpc_address) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await getattr(GatewayStub(channel), method)(request)
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_an_anonymous_activation_gets_no_job(secured: EngineServer) -> None:
    request = pb.ActivateJobsRequest(type="notifier.notifier", worker="x", timeout=1000, maxJobsToActivate=5)
    async with grpc.aio.insecure_channel(secured.grpc_address) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            [answer async for answer in GatewayStub(channel).ActivateJobs(request)]
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


def _b64(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def forged_tokens(tokens: TokenServer) -> dict[str, str]:
    other = nouvelle_cle()
    real_kid = json.loads(tokens.key_json)["kid"]
    now = int(time.time())
    claims = {"sub": "tests", "aud": ENGINE_AUDIENCE, "exp": now + 300, "scope": "read deployments"}
    return {
        "expired": tokens.forge(scope="read", iat=now - 900, exp=now - 600),
        "other key, same kid": jwt.encode({"alg": "ES256", "kid": real_kid}, claims, other),
        "other key, unknown kid": jwt.encode({"alg": "ES256", "kid": other.kid}, claims, other),
        "other audience": tokens.forge(scope="read", aud="another-api"),
        "unsigned": f"{_b64({'alg': 'none', 'kid': real_kid})}.{_b64(claims)}.",
        "not a jwt": "abc.def.ghi",
    }


@pytest.mark.parametrize(
    "kind",
    ["expired", "other key, same kid", "other key, unknown kid", "other audience", "unsigned", "not a jwt"],
)
async def test_expired_forged_and_misaddressed_tokens_are_refused(
    tokens: TokenServer, secured: EngineServer, rest: httpx.AsyncClient, kind: str
) -> None:
    token = forged_tokens(tokens)[kind]
    answer = await rest.post("/v2/variables/search", json={}, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401, answer.text
    async with grpc.aio.insecure_channel(secured.grpc_address) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await GatewayStub(channel).Topology(pb.TopologyRequest(), metadata=bearer(token))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


# -- permissions -----------------------------------------------------------------------------------


async def test_a_worker_cannot_activate_or_complete_another_services_jobs(
    tokens: TokenServer, secured: EngineServer, rest: httpx.AsyncClient, instance: dict[str, int]
) -> None:
    dossier = tokens.token("dossier")
    async with grpc.aio.insecure_channel(secured.grpc_address) as channel:
        stub = GatewayStub(channel)
        activation = pb.ActivateJobsRequest(
            type="notifier.notifier", worker="x", timeout=1000, maxJobsToActivate=5
        )
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            [answer async for answer in stub.ActivateJobs(activation, metadata=bearer(dossier))]
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        for call in (
            stub.CompleteJob(
                pb.CompleteJobRequest(jobKey=instance["job"], variables="{}"), metadata=bearer(dossier)
            ),
            stub.FailJob(pb.FailJobRequest(jobKey=instance["job"], retries=0), metadata=bearer(dossier)),
            stub.ThrowError(
                pb.ThrowErrorRequest(jobKey=instance["job"], errorCode="x"), metadata=bearer(dossier)
            ),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await call
            assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        own = pb.ActivateJobsRequest(
            type="dossier.cloturer", worker="x", timeout=1000, maxJobsToActivate=1, requestTimeout=1
        )
        assert [
            job for a in [a async for a in stub.ActivateJobs(own, metadata=bearer(dossier))] for job in a.jobs
        ] == []
    headers = {"Authorization": f"Bearer {dossier}"}
    answer = await rest.post(
        "/v2/jobs/activation",
        json={"type": "notifier.notifier", "timeout": 1000, "maxJobsToActivate": 1},
        headers=headers,
    )
    assert answer.status_code == 403, answer.text
    answer = await rest.post(f"/v2/jobs/{instance['job']}/completion", json={}, headers=headers)
    assert answer.status_code == 403, answer.text


@pytest.mark.parametrize(
    ("client", "method", "path", "body"),
    [
        ("pdf", "POST", "/v2/variables/search", {}),
        ("pdf", "POST", "/v2/user-tasks/search", {}),
        ("notifier", "POST", "/v2/process-instances/{instance}/cancellation", {}),
        (
            "backoffice",
            "POST",
            "/v2/messages/publication",
            {"name": "notification-lue", "correlationKey": "x"},
        ),
        ("backoffice", "PUT", "/v2/clock", {"timestamp": 0}),
        ("deploiement", "POST", "/v2/user-tasks/search", {}),
    ],
)
async def test_each_client_gets_403_beyond_its_permissions(
    tokens: TokenServer,
    rest: httpx.AsyncClient,
    instance: dict[str, int],
    client: str,
    method: str,
    path: str,
    body: Any,
) -> None:
    headers = {"Authorization": f"Bearer {tokens.token(client)}"}
    answer = await rest.request(
        method, path.format(instance=instance["instance"]), json=body, headers=headers
    )
    assert answer.status_code == 403, answer.text
    assert answer.json()["title"] == "FORBIDDEN"


async def test_a_worker_cannot_set_variables_publish_or_deploy_over_grpc(
    tokens: TokenServer, secured: EngineServer, instance: dict[str, int]
) -> None:
    pdf = bearer(tokens.token("pdf"))
    async with grpc.aio.insecure_channel(secured.grpc_address) as channel:
        stub = GatewayStub(channel)
        for call in (
            stub.SetVariables(
                pb.SetVariablesRequest(elementInstanceKey=instance["instance"], variables="{}"), metadata=pdf
            ),
            stub.PublishMessage(
                pb.PublishMessageRequest(name="notification-lue", correlationKey="x"), metadata=pdf
            ),
            stub.DeployResource(pb.DeployResourceRequest(resources=[]), metadata=pdf),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await call
            assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_the_backoffice_reads_variables_and_user_tasks(
    tokens: TokenServer, rest: httpx.AsyncClient
) -> None:
    headers = {"Authorization": f"Bearer {tokens.token('backoffice')}"}
    assert (await rest.post("/v2/variables/search", json={}, headers=headers)).status_code == 200
    assert (await rest.post("/v2/user-tasks/search", json={}, headers=headers)).status_code == 200


# -- the clients that must work unchanged ------------------------------------------------------------


async def test_pyzeebe_oauth_channel_deploys_and_runs(tokens: TokenServer, secured: EngineServer) -> None:
    channel = tokens.channel(secured.grpc_address, "tests")
    try:
        client = ZeebeClient(channel)
        topology = await client.topology()
        assert topology.brokers
        await client.deploy_resource(str(Path(__file__).parent / "fixtures" / "no_wait.bpmn"))
    finally:
        await channel.close()


async def test_zbctl_with_client_credentials(tokens: TokenServer, secured: EngineServer) -> None:
    assert ZBCTL.exists(), f"zbctl is expected at {ZBCTL} (npm install in the repository root)"
    env = {**os.environ, "ZEEBE_ADDRESS": secured.grpc_address, **tokens.client_env("tests")}
    env.pop("ZEEBE_CLIENT_ID"), env.pop("ZEEBE_CLIENT_SECRET")
    secret = tokens.secrets["tests"]

    async def run(*args: str, environ: dict[str, str]) -> tuple[int, str]:
        process = await asyncio.create_subprocess_exec(
            str(ZBCTL),
            *args,
            "--insecure",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env=environ,
        )
        out, _ = await asyncio.wait_for(process.communicate(), 30)
        return process.returncode or 0, out.decode()

    code, out = await run("status", "--clientId", "tests", "--clientSecret", secret, environ=env)
    assert code == 0, out
    assert "Partition 1 : Leader, Healthy" in out
    code, out = await run("status", environ={**os.environ, "ZEEBE_ADDRESS": secured.grpc_address})
    assert code != 0


async def test_camunda_sdk_oauth_strategy(secured: EngineServer, tmp_path: Path) -> None:
    configuration = secured.camunda_configuration(tmp_path, "backoffice")
    async with CamundaAsyncClient(configuration=configuration) as client:  # type: ignore[arg-type]
        topology = await client.get_topology()
        assert topology.cluster_size == 1
        found = await client.search_user_tasks(data=UserTaskSearchQuery())
        assert found.items is not None
