"""pyzeebe worker bootstrap, and the one way a service declares a job handler.

The same code talks to the embedded engine or to Camunda 8. Every handler is declared with
`register_job`: it fetches only the variables its contract's input model names, validates them and
the task's headers, and writes back its output model; bad input is an incident at once, with the
names of the faulty variables and never their values.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic

import grpc
from pydantic import BaseModel, ValidationError
from pyzeebe import (
    Job,
    ZeebeTaskRouter,
    ZeebeWorker,
    create_insecure_channel,
    create_oauth2_client_credentials_channel,
)

from contracts.jobs import Headers, In, JobContract, Out
from contracts.process import Variable
from plumbing.correlation import JOB_VARIABLE, bind_correlation_id
from plumbing.engine_auth import EngineCredentials, allow_plain_http_on_this_machine, channel_credentials
from plumbing.job_failures import PermanentJobError, RetryPolicy, job_failure_handler

# gRPC's reconnect back-off grows to 120 s by default: after a long engine outage, a service would wait up
# to two minutes once the engine is back. Capped so that every service reconnects within seconds.
CHANNEL_OPTIONS = (("grpc.initial_reconnect_backoff_ms", 500), ("grpc.max_reconnect_backoff_ms", 2_000))


def create_zeebe_channel(
    zeebe_address: str, credentials: EngineCredentials | None = None
) -> grpc.aio.Channel:
    """A gRPC channel to the engine's gateway (`host:port`): pyzeebe's OAuth 2 channel with
    `credentials` (TLS unless the engine is on this machine), without them plaintext and anonymous."""
    if credentials is None:
        return create_insecure_channel(grpc_address=zeebe_address, channel_options=CHANNEL_OPTIONS)
    allow_plain_http_on_this_machine(credentials.authorization_server)
    return create_oauth2_client_credentials_channel(
        grpc_address=zeebe_address,
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        authorization_server=credentials.authorization_server,
        audience=credentials.audience,
        channel_credentials=channel_credentials(zeebe_address),
        channel_options=CHANNEL_OPTIONS,
    )


async def bind_job_correlation(job: Job) -> Job:
    """Carry the correlation id of the process instance into the job's logs and messages."""
    value = job.variables.get(JOB_VARIABLE)
    bind_correlation_id(value if isinstance(value, str) else f"pi-{job.process_instance_key}")
    return job


def create_worker(
    channel: grpc.aio.Channel, name: str, routers: list[ZeebeTaskRouter], retry: RetryPolicy | None = None
) -> ZeebeWorker:
    """The service's worker; a technical failure is retried after `retry`'s back-off (see `retry_policy`)."""
    # pyzeebe's default gives up after 10 transport errors over the worker's life (shared by all its job
    # types, never reset) and then closes the channel the service's health check and engine commands use
    # too: one engine restart left the service « engine indisponible » for good. A worker never gives up.
    worker = ZeebeWorker(
        channel,
        name=name,
        before=[bind_job_correlation],
        exception_handler=job_failure_handler(retry),
        max_connection_retries=-1,
    )
    for router in routers:
        worker.include_router(router)
    return worker


@dataclass(frozen=True)
class TypedJob(Generic[In, Headers]):
    """A job as a handler sees it: validated variables and headers, and its keys."""

    key: int
    process_instance_key: int
    variables: In
    headers: Headers
    retries: int


JobHandler = Callable[[TypedJob[In, Headers]], Awaitable[Out]]


def register_job(
    router: ZeebeTaskRouter,
    contract: JobContract[In, Headers, Out],
    handler: JobHandler[In, Headers, Out],
    **task_options: Any,
) -> None:
    """Declare `handler` for `contract.job_type` on `router` (pyzeebe's own task options pass on)."""

    async def run(job: Job, **_fetched: Any) -> dict[str, Any]:
        typed = TypedJob(
            key=job.key,
            process_instance_key=job.process_instance_key,
            variables=_validate(contract.input, job.variables, "variables"),
            headers=_validate(contract.headers, job.custom_headers, "en-têtes"),
            retries=job.retries,
        )
        result = await handler(typed)
        return result.model_dump(mode="json", by_alias=True, exclude_unset=True)

    # pyzeebe finds the parameter that receives the Job by its annotation.
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("job", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Job)]
    )
    fetch = [*contract.variables_to_fetch, Variable.CORRELATION_ID.value]
    router.task(task_type=str(contract.job_type), variables_to_fetch=fetch, **task_options)(run)


def _validate(model: type[BaseModel], values: Mapping[str, Any], what: str) -> Any:
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise PermanentJobError(f"{what} invalides : {invalid_names(error)}") from None


def invalid_names(error: ValidationError) -> str:
    """`demandeur.dateNaissance, dossierId`: where the input is wrong, never what it holds."""
    return ", ".join(sorted({".".join(str(part) for part in e["loc"]) or "(racine)" for e in error.errors()}))
