"""Out-of-range numbers and keys are the caller's mistake: INVALID_ARGUMENT (or NOT_FOUND), never INTERNAL.

Every numeric field of every gRPC call, and every key and number the REST API reads, gets negative, zero,
huge and (over REST) non-numeric values, each against otherwise valid requests on real jobs and instances.
The engine must answer each with a client error (gRPC) or a 4xx problem+json (REST), never a 500, and
still serve afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import httpx
import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import FIXTURES, activate, create, gateway

pytestmark = pytest.mark.integration

PROCESS = "fuzz-numbers"
JOB_TYPE = "fuzz-numbers.work"
INT64 = [-1, 0, -(2**63), 2**63 - 1, 2**53 + 1, 10**15]
INT32 = [-1, 0, -(2**31), 2**31 - 1]
UINT64 = [0, 2**64 - 1]
SERVER_FAULTS = {grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN, grpc.StatusCode.DATA_LOSS}


async def deploy_fuzz_process(stub: Any) -> None:
    xml = (FIXTURES / "one_task.bpmn").read_text()
    xml = xml.replace('id="one-task"', f'id="{PROCESS}"').replace(
        'type="one-task.work"', f'type="{JOB_TYPE}"'
    )
    resource = pb.Resource(name="fuzz.bpmn", content=xml.encode())
    await stub.DeployResource(pb.DeployResourceRequest(resources=[resource]))


class Target:
    """A fresh instance with its job activated, so that each request is valid but for the fuzzed field."""

    def __init__(self, instance: int, job: Any, definition: int) -> None:
        self.instance, self.job, self.definition = instance, job, definition


async def fresh_target(stub: Any) -> Target:
    instance = await create(stub, PROCESS)
    await create(stub, PROCESS)  # a job left to activate, for ActivateJobs' own fields
    jobs = await activate(stub, JOB_TYPE, max_jobs=1, request_timeout_ms=2_000, timeout_ms=60_000)
    assert jobs, "no job to fuzz against"
    return Target(instance, jobs[0], jobs[0].processDefinitionKey)


Request = Callable[[Target, int], tuple[str, Any]]

# (call, field, values, request builder): the builder puts the value in the field, the rest valid
GRPC_CASES: list[tuple[str, list[int], Request]] = [
    (
        "ActivateJobs.timeout",
        INT64,
        lambda t, v: (
            "ActivateJobs",
            pb.ActivateJobsRequest(
                type=JOB_TYPE, worker="f", timeout=v, maxJobsToActivate=1, requestTimeout=-1
            ),
        ),
    ),
    (
        "ActivateJobs.maxJobsToActivate",
        INT32,
        lambda t, v: (
            "ActivateJobs",
            pb.ActivateJobsRequest(
                type=JOB_TYPE, worker="f", timeout=1_000, maxJobsToActivate=v, requestTimeout=-1
            ),
        ),
    ),
    (
        "ActivateJobs.requestTimeout",
        INT64,
        lambda t, v: (
            "ActivateJobs",
            pb.ActivateJobsRequest(
                type="fuzz.none", worker="f", timeout=1_000, maxJobsToActivate=1, requestTimeout=v
            ),
        ),
    ),
    (
        "StreamActivatedJobs.timeout",
        INT64,
        lambda t, v: (
            "StreamActivatedJobs",
            pb.StreamActivatedJobsRequest(type=JOB_TYPE, worker="f", timeout=v),
        ),
    ),
    (
        "CancelProcessInstance.processInstanceKey",
        INT64,
        lambda t, v: ("CancelProcessInstance", pb.CancelProcessInstanceRequest(processInstanceKey=v)),
    ),
    (
        "CancelProcessInstance.operationReference",
        UINT64,
        lambda t, v: (
            "CancelProcessInstance",
            pb.CancelProcessInstanceRequest(processInstanceKey=t.instance, operationReference=v),
        ),
    ),
    ("CompleteJob.jobKey", INT64, lambda t, v: ("CompleteJob", pb.CompleteJobRequest(jobKey=v))),
    (
        "CreateProcessInstance.processDefinitionKey",
        INT64,
        lambda t, v: ("CreateProcessInstance", pb.CreateProcessInstanceRequest(processDefinitionKey=v)),
    ),
    (
        "CreateProcessInstance.version",
        INT32,
        lambda t, v: (
            "CreateProcessInstance",
            pb.CreateProcessInstanceRequest(bpmnProcessId=PROCESS, version=v),
        ),
    ),
    (
        "CreateProcessInstance.operationReference",
        UINT64,
        lambda t, v: (
            "CreateProcessInstance",
            pb.CreateProcessInstanceRequest(bpmnProcessId=PROCESS, version=-1, operationReference=v),
        ),
    ),
    (
        "CreateProcessInstanceWithResult.requestTimeout",
        INT64,
        lambda t, v: (
            "CreateProcessInstanceWithResult",
            pb.CreateProcessInstanceWithResultRequest(
                request=pb.CreateProcessInstanceRequest(bpmnProcessId=PROCESS, version=-1), requestTimeout=v
            ),
        ),
    ),
    (
        "EvaluateDecision.decisionKey",
        INT64,
        lambda t, v: ("EvaluateDecision", pb.EvaluateDecisionRequest(decisionKey=v)),
    ),
    ("FailJob.jobKey", INT64, lambda t, v: ("FailJob", pb.FailJobRequest(jobKey=v, retries=1))),
    ("FailJob.retries", INT32, lambda t, v: ("FailJob", pb.FailJobRequest(jobKey=t.job.key, retries=v))),
    (
        "FailJob.retryBackOff",
        INT64,
        lambda t, v: ("FailJob", pb.FailJobRequest(jobKey=t.job.key, retries=1, retryBackOff=v)),
    ),
    ("ThrowError.jobKey", INT64, lambda t, v: ("ThrowError", pb.ThrowErrorRequest(jobKey=v, errorCode="x"))),
    (
        "PublishMessage.timeToLive",
        INT64,
        lambda t, v: (
            "PublishMessage",
            pb.PublishMessageRequest(name="fuzz", correlationKey="k", timeToLive=v),
        ),
    ),
    (
        "ResolveIncident.incidentKey",
        INT64,
        lambda t, v: ("ResolveIncident", pb.ResolveIncidentRequest(incidentKey=v)),
    ),
    (
        "ResolveIncident.operationReference",
        UINT64,
        lambda t, v: (
            "ResolveIncident",
            pb.ResolveIncidentRequest(incidentKey=t.instance, operationReference=v),
        ),
    ),
    (
        "SetVariables.elementInstanceKey",
        INT64,
        lambda t, v: ("SetVariables", pb.SetVariablesRequest(elementInstanceKey=v, variables='{"a": 1}')),
    ),
    (
        "SetVariables.operationReference",
        UINT64,
        lambda t, v: (
            "SetVariables",
            pb.SetVariablesRequest(elementInstanceKey=t.instance, variables="{}", operationReference=v),
        ),
    ),
    (
        "UpdateJobRetries.jobKey",
        INT64,
        lambda t, v: ("UpdateJobRetries", pb.UpdateJobRetriesRequest(jobKey=v, retries=1)),
    ),
    (
        "UpdateJobRetries.retries",
        INT32,
        lambda t, v: ("UpdateJobRetries", pb.UpdateJobRetriesRequest(jobKey=t.job.key, retries=v)),
    ),
    (
        "UpdateJobTimeout.jobKey",
        INT64,
        lambda t, v: ("UpdateJobTimeout", pb.UpdateJobTimeoutRequest(jobKey=v, timeout=1_000)),
    ),
    (
        "UpdateJobTimeout.timeout",
        INT64,
        lambda t, v: ("UpdateJobTimeout", pb.UpdateJobTimeoutRequest(jobKey=t.job.key, timeout=v)),
    ),
    (
        "ModifyProcessInstance.processInstanceKey",
        INT64,
        lambda t, v: ("ModifyProcessInstance", pb.ModifyProcessInstanceRequest(processInstanceKey=v)),
    ),
    (
        "MigrateProcessInstance.processInstanceKey",
        INT64,
        lambda t, v: ("MigrateProcessInstance", pb.MigrateProcessInstanceRequest(processInstanceKey=v)),
    ),
    (
        "DeleteResource.resourceKey",
        INT64,
        lambda t, v: ("DeleteResource", pb.DeleteResourceRequest(resourceKey=v)),
    ),
]


async def call_grpc(stub: Any, method: str, request: Any) -> grpc.StatusCode:
    try:
        if method == "StreamActivatedJobs":
            stream = stub.StreamActivatedJobs(request, timeout=1.0)
            async for _ in stream:
                break
            stream.cancel()
            return grpc.StatusCode.OK
        call = getattr(stub, method)(request, timeout=3.0)
        if method == "ActivateJobs":
            async for _ in call:
                pass
        else:
            await call
    except grpc.aio.AioRpcError as error:
        return error.code()
    return grpc.StatusCode.OK


async def test_grpc_numbers_out_of_range_are_refused_never_internal(fresh_engine, engine) -> None:
    faults: list[str] = []
    async with gateway(engine) as stub:
        await deploy_fuzz_process(stub)
        for name, values, build in GRPC_CASES:
            for value in values:
                target = await fresh_target(stub)
                method, request = build(target, value)
                code = await call_grpc(stub, method, request)
                if code in SERVER_FAULTS:
                    faults.append(f"{name}={value}: {code.name}")
        assert (await stub.Topology(pb.TopologyRequest())).brokers
    assert faults == [], "\n".join(faults)


BAD_KEYS = ["0", "-1", "abc", "1e3", "1.5", "9223372036854775807", "9223372036854775808", "9" * 30, "%20"]
BAD_NUMBERS: list[Any] = [-1, 0, 2**31, 2**63 - 1, 2**63, 10**30, 1.5, "abc", "12", None, True, [], {}]


def rest_requests(target: Target) -> list[tuple[str, str, str, Any]]:
    """(label, method, path, body) for every key and number the REST API reads."""
    cases: list[tuple[str, str, str, Any]] = []
    keyed = [
        ("GET", "/v2/process-instances/{}", None),
        ("POST", "/v2/process-instances/{}/cancellation", {}),
        ("GET", "/v2/process-definitions/{}", None),
        ("GET", "/v2/process-definitions/{}/xml", None),
        ("GET", "/v2/element-instances/{}", None),
        ("GET", "/v2/incidents/{}", None),
        ("POST", "/v2/incidents/{}/resolution", {}),
        ("POST", "/v2/jobs/{}/completion", {}),
        ("POST", "/v2/jobs/{}/failure", {"retries": 1}),
        ("POST", "/v2/jobs/{}/error", {"errorCode": "x"}),
        ("PATCH", "/v2/jobs/{}", {"changeset": {"retries": 2}}),
        ("GET", "/v2/user-tasks/{}", None),
        ("POST", "/v2/user-tasks/{}/assignment", {"assignee": "a"}),
        ("DELETE", "/v2/user-tasks/{}/assignee", None),
        ("POST", "/v2/user-tasks/{}/completion", {}),
        ("GET", "/v2/user-tasks/{}/form", None),
        ("POST", "/v2/user-tasks/{}/variables/search", {}),
    ]
    for method, path, body in keyed:
        for key in BAD_KEYS:
            cases.append((f"{method} {path} key={key!r}", method, path.format(key), body))
    job = target.job.key

    def numbers(label: str, method: str, path: str, build: Callable[[Any], Any]) -> None:
        for value in BAD_NUMBERS:
            cases.append((f"{label}={value!r}", method, path, build(value)))

    activation = {
        "type": JOB_TYPE,
        "worker": "f",
        "timeout": 1_000,
        "maxJobsToActivate": 1,
        "requestTimeout": -1,
    }
    for field in ("timeout", "maxJobsToActivate", "requestTimeout"):
        numbers(f"activation.{field}", "POST", "/v2/jobs/activation", lambda v, f=field: {**activation, f: v})
    numbers("failure.retries", "POST", f"/v2/jobs/{job}/failure", lambda v: {"retries": v})
    numbers(
        "failure.retryBackOff", "POST", f"/v2/jobs/{job}/failure", lambda v: {"retries": 1, "retryBackOff": v}
    )
    numbers("update.retries", "PATCH", f"/v2/jobs/{job}", lambda v: {"changeset": {"retries": v}})
    numbers("update.timeout", "PATCH", f"/v2/jobs/{job}", lambda v: {"changeset": {"timeout": v}})
    numbers(
        "create.processDefinitionKey", "POST", "/v2/process-instances", lambda v: {"processDefinitionKey": v}
    )
    numbers(
        "create.processDefinitionVersion",
        "POST",
        "/v2/process-instances",
        lambda v: {"processDefinitionId": PROCESS, "processDefinitionVersion": v},
    )
    numbers(
        "create.requestTimeout",
        "POST",
        "/v2/process-instances",
        lambda v: {"processDefinitionId": PROCESS, "awaitCompletion": True, "requestTimeout": v},
    )
    numbers(
        "message.timeToLive",
        "POST",
        "/v2/messages/publication",
        lambda v: {"name": "fuzz", "correlationKey": "k", "timeToLive": v},
    )
    numbers("clock.timestamp", "PUT", "/v2/clock", lambda v: {"timestamp": v})
    for search in (
        "/v2/process-instances/search",
        "/v2/process-definitions/search",
        "/v2/element-instances/search",
        "/v2/incidents/search",
        "/v2/user-tasks/search",
        "/v2/variables/search",
    ):
        numbers(f"{search} page.from", "POST", search, lambda v: {"page": {"from": v}})
        numbers(f"{search} page.limit", "POST", search, lambda v: {"page": {"limit": v}})
        for field in (
            "processInstanceKey",
            "processDefinitionKey",
            "elementInstanceKey",
            "scopeKey",
            "incidentKey",
        ):
            numbers(f"{search} filter.{field}", "POST", search, lambda v, f=field: {"filter": {f: v}})
    return cases


async def test_rest_numbers_and_keys_out_of_range_are_4xx_problems_never_500(
    fresh_engine, engine, rest
) -> None:
    faults: list[str] = []
    async with gateway(engine) as stub:
        await deploy_fuzz_process(stub)
        target = await fresh_target(stub)
        for label, method, path, body in rest_requests(target):
            try:
                response = await rest.request(method, path, json=body, timeout=5)
            except httpx.TimeoutException:
                if ".requestTimeout" not in label:  # a long poll may wait as long as it was asked to
                    faults.append(f"{label}: no answer in 5 s")
                continue
            except httpx.TransportError as error:
                faults.append(f"{label}: {type(error).__name__}")
                continue
            if response.status_code >= 500:
                faults.append(f"{label}: {response.status_code} {response.text[:200]}")
            elif response.status_code >= 400:
                problem = response.json()
                if response.headers["content-type"] != "application/problem+json" or not {
                    "title",
                    "status",
                    "detail",
                } <= set(problem):
                    faults.append(f"{label}: not problem+json: {response.text[:200]}")
            if response.status_code < 300 and path.endswith("/failure"):
                target = await fresh_target(stub)  # the job was failed: the next cases need a live one
        assert (await rest.get("/v2/topology")).status_code == 200
    assert faults == [], "\n".join(faults)
