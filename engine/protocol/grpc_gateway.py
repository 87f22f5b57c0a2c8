"""Zeebe's gateway protocol on pyzeebe's generated servicer: requests in, commands, responses out."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import grpc
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto import gateway_pb2_grpc as pb_grpc

from engine.commands import deploy as deploy_commands
from engine.commands import incidents, jobs, messages, process_instances, signals, variables
from engine.commands.documents import parse_variables
from engine.commands.jobs import ActivatedJob
from engine.errors import CommandRejected
from engine.protocol.grpc_status import status_of
from engine.protocol.instance_results import InstanceResults
from engine.protocol.job_polling import JobPoller
from engine.protocol.topology import GATEWAY_VERSION, Topology
from engine.state import json_text
from engine.state.unit_of_work import Store

log = logging.getLogger("engine.grpc")
T = TypeVar("T")


class Gateway(pb_grpc.GatewayServicer):
    def __init__(
        self, store: Store, poller: JobPoller, results: InstanceResults, topology: Topology, max_inflight: int
    ) -> None:
        self.store = store
        self.poller = poller
        self.results = results
        self.topology = topology
        self.max_inflight = max_inflight
        self.inflight = 0

    async def _call(self, context: grpc.aio.ServicerContext, action: Callable[[], Awaitable[T]]) -> T:
        if self.inflight >= self.max_inflight:
            await context.abort(
                grpc.StatusCode.RESOURCE_EXHAUSTED,
                "Expected to handle the request, but the engine is overloaded (backpressure)",
            )
        self.inflight += 1
        try:
            return await action()
        except CommandRejected as error:
            await context.abort(status_of(error), error.message)
            raise  # unreachable: abort raises
        except (asyncio.CancelledError, grpc.aio.AbortError):
            raise
        except Exception:
            log.exception("request failed")
            await context.abort(grpc.StatusCode.INTERNAL, "the engine failed to process the request")
            raise
        finally:
            self.inflight -= 1

    async def _sync(self, fn: Callable[[], T]) -> T:
        """A command, run with the others of this loop turn in one transaction (group commit)."""
        return await self.store.submit(fn)

    # -- cluster -------------------------------------------------------------------------------

    async def Topology(self, request: Any, context: Any) -> Any:
        return self.topology.grpc_response()

    # -- deployment ----------------------------------------------------------------------------

    async def DeployResource(self, request: Any, context: Any) -> Any:
        resources = [(r.name, r.content) for r in request.resources]
        result = await self._call(
            context,
            lambda: self._sync(lambda: deploy_commands.deploy(self.store, resources, request.tenantId)),
        )
        deployments = [
            pb.Deployment(
                process=pb.ProcessMetadata(
                    bpmnProcessId=p.bpmn_process_id,
                    version=p.version,
                    processDefinitionKey=p.key,
                    resourceName=p.resource_name,
                    tenantId=result.tenant_id,
                )
            )
            for p in result.processes
        ] + [
            pb.Deployment(
                form=pb.FormMetadata(
                    formId=f.form_id,
                    version=f.version,
                    formKey=f.key,
                    resourceName=f.resource_name,
                    tenantId=result.tenant_id,
                )
            )
            for f in result.forms
        ]
        return pb.DeployResourceResponse(key=result.key, deployments=deployments, tenantId=result.tenant_id)

    async def DeployProcess(self, request: Any, context: Any) -> Any:
        resources = [(p.name, p.definition) for p in request.processes]
        result = await self._call(
            context, lambda: self._sync(lambda: deploy_commands.deploy(self.store, resources))
        )
        return pb.DeployProcessResponse(
            key=result.key,
            processes=[
                pb.ProcessMetadata(
                    bpmnProcessId=p.bpmn_process_id,
                    version=p.version,
                    processDefinitionKey=p.key,
                    resourceName=p.resource_name,
                    tenantId=result.tenant_id,
                )
                for p in result.processes
            ],
        )

    # -- process instances ---------------------------------------------------------------------

    def _create(self, request: Any) -> process_instances.CreatedInstance:
        return process_instances.create_process_instance(
            self.store,
            bpmn_process_id=request.bpmnProcessId,
            definition_key=request.processDefinitionKey,
            version=request.version,
            variables=parse_variables(request.variables),
            start_element_ids=[i.elementId for i in request.startInstructions],
            tenant_id=request.tenantId,
        )

    async def CreateProcessInstance(self, request: Any, context: Any) -> Any:
        created = await self._call(context, lambda: self._sync(lambda: self._create(request)))
        return pb.CreateProcessInstanceResponse(
            processDefinitionKey=created.definition_key,
            bpmnProcessId=created.bpmn_process_id,
            version=created.version,
            processInstanceKey=created.process_instance_key,
            tenantId=created.tenant_id,
        )

    async def CreateProcessInstanceWithResult(self, request: Any, context: Any) -> Any:
        async def run() -> Any:
            created = await self.store.submit(lambda: self._create(request.request))
            timeout_s = request.requestTimeout / 1000 if request.requestTimeout > 0 else None
            remaining = context.time_remaining()
            if remaining is not None:
                timeout_s = remaining if timeout_s is None else min(timeout_s, remaining)
            result_vars = await self.results.completed_variables(
                created.process_instance_key, timeout_s, list(request.fetchVariables)
            )
            return pb.CreateProcessInstanceWithResultResponse(
                processDefinitionKey=created.definition_key,
                bpmnProcessId=created.bpmn_process_id,
                version=created.version,
                processInstanceKey=created.process_instance_key,
                variables=json_text.dumps(result_vars),
                tenantId=created.tenant_id,
            )

        return await self._call(context, run)

    async def CancelProcessInstance(self, request: Any, context: Any) -> Any:
        await self._call(
            context,
            lambda: self._sync(
                lambda: process_instances.cancel_process_instance(self.store, request.processInstanceKey)
            ),
        )
        return pb.CancelProcessInstanceResponse()

    async def SetVariables(self, request: Any, context: Any) -> Any:
        key = await self._call(
            context,
            lambda: self._sync(
                lambda: variables.set_variables(
                    self.store, request.elementInstanceKey, parse_variables(request.variables), request.local
                )
            ),
        )
        return pb.SetVariablesResponse(key=key)

    async def ResolveIncident(self, request: Any, context: Any) -> Any:
        await self._call(
            context, lambda: self._sync(lambda: incidents.resolve_incident(self.store, request.incidentKey))
        )
        return pb.ResolveIncidentResponse()

    # -- messages and signals ------------------------------------------------------------------

    async def PublishMessage(self, request: Any, context: Any) -> Any:
        key = await self._call(
            context,
            lambda: self._sync(
                lambda: messages.publish_message(
                    self.store,
                    name=request.name,
                    correlation_key=request.correlationKey,
                    time_to_live_ms=request.timeToLive,
                    message_id=request.messageId,
                    variables=parse_variables(request.variables),
                    tenant_id=request.tenantId,
                )
            ),
        )
        return pb.PublishMessageResponse(key=key, tenantId=request.tenantId or "<default>")

    async def BroadcastSignal(self, request: Any, context: Any) -> Any:
        key = await self._call(
            context,
            lambda: self._sync(
                lambda: signals.broadcast(
                    self.store, request.signalName, parse_variables(request.variables), request.tenantId
                )
            ),
        )
        return pb.BroadcastSignalResponse(key=key, tenantId=request.tenantId or "<default>")

    # -- jobs ----------------------------------------------------------------------------------

    async def ActivateJobs(self, request: Any, context: Any) -> AsyncIterator[Any]:
        async def poll() -> list[ActivatedJob]:
            return await self.poller.long_poll(
                job_type=request.type,
                worker=request.worker,
                timeout_ms=request.timeout,
                max_jobs=request.maxJobsToActivate,
                fetch_variables=list(request.fetchVariable),
                request_timeout_ms=request.requestTimeout,
                client_remaining_s=context.time_remaining(),
            )

        activated = await self._call(context, poll)
        if activated:
            yield pb.ActivateJobsResponse(jobs=[to_proto(job) for job in activated])

    async def StreamActivatedJobs(self, request: Any, context: Any) -> AsyncIterator[Any]:
        if not request.type or request.timeout < 1:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, "Expected a job type and a positive timeout"
            )
        try:
            async for job in self.poller.stream(
                job_type=request.type,
                worker=request.worker,
                timeout_ms=request.timeout,
                fetch_variables=list(request.fetchVariable),
            ):
                yield to_proto(job)
        except CommandRejected as error:
            await context.abort(status_of(error), error.message)

    async def CompleteJob(self, request: Any, context: Any) -> Any:
        await self._call(
            context,
            lambda: self._sync(
                lambda: jobs.complete_job(self.store, request.jobKey, parse_variables(request.variables))
            ),
        )
        return pb.CompleteJobResponse()

    async def FailJob(self, request: Any, context: Any) -> Any:
        await self._call(
            context,
            lambda: self._sync(
                lambda: jobs.fail_job(
                    self.store,
                    request.jobKey,
                    request.retries,
                    request.errorMessage,
                    request.retryBackOff,
                    parse_variables(request.variables),
                )
            ),
        )
        return pb.FailJobResponse()

    async def ThrowError(self, request: Any, context: Any) -> Any:
        await self._call(
            context,
            lambda: self._sync(
                lambda: jobs.throw_error(
                    self.store,
                    request.jobKey,
                    request.errorCode,
                    request.errorMessage,
                    parse_variables(request.variables),
                )
            ),
        )
        return pb.ThrowErrorResponse()

    async def UpdateJobRetries(self, request: Any, context: Any) -> Any:
        await self._call(
            context,
            lambda: self._sync(lambda: jobs.update_job_retries(self.store, request.jobKey, request.retries)),
        )
        return pb.UpdateJobRetriesResponse()

    async def UpdateJobTimeout(self, request: Any, context: Any) -> Any:
        await self._call(
            context,
            lambda: self._sync(lambda: jobs.update_job_timeout(self.store, request.jobKey, request.timeout)),
        )
        return pb.UpdateJobTimeoutResponse()

    # -- not provided --------------------------------------------------------------------------

    async def _unimplemented(self, context: Any, name: str) -> Any:
        await context.abort(
            grpc.StatusCode.UNIMPLEMENTED,
            f"{name} is not implemented by this engine (gateway {GATEWAY_VERSION})",
        )

    async def EvaluateDecision(self, request: Any, context: Any) -> Any:
        return await self._unimplemented(context, "EvaluateDecision")

    async def ModifyProcessInstance(self, request: Any, context: Any) -> Any:
        return await self._unimplemented(context, "ModifyProcessInstance")

    async def MigrateProcessInstance(self, request: Any, context: Any) -> Any:
        return await self._unimplemented(context, "MigrateProcessInstance")

    async def DeleteResource(self, request: Any, context: Any) -> Any:
        return await self._unimplemented(context, "DeleteResource")


def to_proto(job: ActivatedJob) -> Any:
    return pb.ActivatedJob(
        key=job.key,
        type=job.type,
        processInstanceKey=job.process_instance_key,
        bpmnProcessId=job.bpmn_process_id,
        processDefinitionVersion=job.version,
        processDefinitionKey=job.definition_key,
        elementId=job.element_id,
        elementInstanceKey=job.element_instance_key,
        customHeaders=job.headers,
        worker=job.worker,
        retries=job.retries,
        deadline=job.deadline,
        variables=json_text.dumps(job.variables),
        tenantId=job.tenant_id,
    )
