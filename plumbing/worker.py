"""pyzeebe worker bootstrap: the same code talks to the embedded engine or to Camunda 8."""

from __future__ import annotations

import grpc
from pyzeebe import Job, ZeebeTaskRouter, ZeebeWorker, create_insecure_channel

from plumbing.correlation import JOB_VARIABLE, bind_correlation_id
from plumbing.job_failures import job_failure_handler


def create_zeebe_channel(zeebe_address: str) -> grpc.aio.Channel:
    """A gRPC channel to the engine's gateway (`host:port`, plaintext inside the platform)."""
    return create_insecure_channel(grpc_address=zeebe_address)


async def bind_job_correlation(job: Job) -> Job:
    """Carry the correlation id of the process instance into the job's logs and messages."""
    value = job.variables.get(JOB_VARIABLE)
    bind_correlation_id(value if isinstance(value, str) else f"pi-{job.process_instance_key}")
    return job


def create_worker(channel: grpc.aio.Channel, name: str, routers: list[ZeebeTaskRouter]) -> ZeebeWorker:
    worker = ZeebeWorker(
        channel, name=name, before=[bind_job_correlation], exception_handler=job_failure_handler()
    )
    for router in routers:
        worker.include_router(router)
    return worker
