"""The gateway's server interceptor: a valid bearer token on every call but health, and its permissions.

UNAUTHENTICATED without a valid token, PERMISSION_DENIED when the token does not allow the call, as
Zeebe's gateway answers with OAuth on. A worker's token works only its own job types: the request's
`type` for an activation, the job's type (looked up by key) for a completion, failure or error.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc

from contracts.engine_access import Permission
from engine.errors import PermissionDenied
from engine.protocol.access import (
    KeysUnavailable,
    Principal,
    TokenVerifier,
    Unauthenticated,
    require_job_type,
)

PUBLIC_PREFIX = "/grpc.health.v1.Health/"
JOB_BY_TYPE = "job type"  # the request names a job type
JOB_BY_KEY = "job key"  # the request names a job: its type is looked up
RETRIES = "retries"  # a worker on its own jobs, or whoever resolves incidents

Rule = Permission | str | None  # None: any authenticated client
RULES: dict[str, Rule] = {
    "Topology": None,
    "DeployResource": Permission.DEPLOYMENTS,
    "DeployProcess": Permission.DEPLOYMENTS,
    "DeleteResource": Permission.DEPLOYMENTS,
    "CreateProcessInstance": Permission.PROCESS_INSTANCES,
    "CreateProcessInstanceWithResult": Permission.PROCESS_INSTANCES,
    "CancelProcessInstance": Permission.PROCESS_INSTANCES,
    "ModifyProcessInstance": Permission.PROCESS_INSTANCES,
    "MigrateProcessInstance": Permission.PROCESS_INSTANCES,
    "EvaluateDecision": Permission.PROCESS_INSTANCES,
    "SetVariables": Permission.VARIABLES,
    "ResolveIncident": Permission.INCIDENTS,
    "PublishMessage": Permission.MESSAGES,
    "BroadcastSignal": Permission.MESSAGES,
    "ActivateJobs": JOB_BY_TYPE,
    "StreamActivatedJobs": JOB_BY_TYPE,
    "CompleteJob": JOB_BY_KEY,
    "FailJob": JOB_BY_KEY,
    "ThrowError": JOB_BY_KEY,
    "UpdateJobTimeout": JOB_BY_KEY,
    "UpdateJobRetries": RETRIES,
}
DENY = Permission.CLOCK  # a method this table does not know: only the tests' client


class AuthInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, verifier: TokenVerifier, job_type_of: Callable[[int], str | None]) -> None:
        self.verifier = verifier
        self.job_type_of = job_type_of

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        method: str = details.method
        if handler is None or method.startswith(PUBLIC_PREFIX):
            return handler
        metadata = {key: value for key, value in details.invocation_metadata or () if isinstance(value, str)}
        rule = RULES.get(method.rsplit("/", 1)[-1], DENY)
        authorization = metadata.get("authorization")

        async def admit(request: Any, context: grpc.aio.ServicerContext) -> None:
            try:
                principal = await self.verifier.principal(authorization)
                self._check(principal, rule, request)
            except Unauthenticated as error:
                await context.abort(grpc.StatusCode.UNAUTHENTICATED, str(error))
            except KeysUnavailable as error:
                await context.abort(grpc.StatusCode.UNAVAILABLE, str(error))
            except PermissionDenied as error:
                await context.abort(grpc.StatusCode.PERMISSION_DENIED, error.message)

        return _guarded(handler, admit)

    def _check(self, principal: Principal, rule: Rule, request: Any) -> None:
        if rule is None:
            return
        if rule == JOB_BY_TYPE:
            require_job_type(principal, str(request.type))
        elif rule == JOB_BY_KEY:
            require_job_type(principal, self.job_type_of(int(request.jobKey)))
        elif rule == RETRIES:
            if not principal.allows(Permission.INCIDENTS):
                require_job_type(principal, self.job_type_of(int(request.jobKey)))
        elif not principal.allows(Permission(rule)):
            raise PermissionDenied(f"client '{principal.client_id}' lacks the permission '{rule}'")


Admit = Callable[[Any, grpc.aio.ServicerContext], Awaitable[None]]


def _guarded(handler: grpc.RpcMethodHandler, admit: Admit) -> grpc.RpcMethodHandler:
    """The same handler, each call admitted first (the gateway has unary and server-streaming calls)."""
    codec = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.unary_unary is not None:
        unary = handler.unary_unary

        async def call(request: Any, context: grpc.aio.ServicerContext) -> Any:
            await admit(request, context)
            return await unary(request, context)

        return grpc.unary_unary_rpc_method_handler(call, **codec)
    if handler.unary_stream is not None:
        stream = handler.unary_stream

        async def streamed(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
            await admit(request, context)
            async for item in stream(request, context):
                yield item

        return grpc.unary_stream_rpc_method_handler(streamed, **codec)
    return handler  # the gateway has no client-streaming call
