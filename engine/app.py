"""Wiring: one asyncio process with the gRPC gateway, the REST API, the scheduler and the exporter."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterator
from typing import Any

import grpc
import uvicorn
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1.health import aio as health_aio
from pyzeebe.proto import gateway_pb2_grpc

from engine.parts import EngineParts, build_parts
from engine.protocol.access import TokenVerifier
from engine.protocol.grpc_auth import AuthInterceptor
from engine.protocol.grpc_gateway import Gateway
from engine.protocol.instance_results import InstanceResults
from engine.protocol.job_polling import JobPoller
from engine.protocol.rest.app import build_rest_app
from engine.protocol.rest.auth import BearerAuthentication
from engine.queries.jobs import job_type
from engine.settings import EngineSettings

log = logging.getLogger("engine")
GATEWAY_SERVICE = "gateway_protocol.Gateway"


class _Uvicorn(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # signals are handled by `serve` for the whole process


def token_verifier(settings: EngineSettings) -> TokenVerifier | None:
    """Bearer tokens checked against the JWKS; None only for the engine's own protocol tests."""
    if settings.authentication:
        return TokenVerifier(settings.auth_jwks_url, settings.auth_audience, settings.auth_issuer)
    log.warning("authentication is OFF: any client may call the engine (ENGINE_AUTHENTICATION=false)")
    return None


def rest_app(
    parts: EngineParts, poller: JobPoller, results: InstanceResults, verifier: TokenVerifier | None
) -> Any:
    app = build_rest_app(parts, poller, results)
    return app if verifier is None else BearerAuthentication(app, verifier)


async def serve(settings: EngineSettings) -> None:
    parts = build_parts(settings)
    store, hub = parts.store, parts.hub
    shared = store.engine.dialect.name != "sqlite"
    poller = JobPoller(store, hub.jobs, settings.long_poll_timeout_ms, shared)
    results = InstanceResults(store, hub.instances)
    gateway = Gateway(store, poller, results, parts.topology, settings.max_inflight_requests)
    verifier = token_verifier(settings)
    interceptors = [] if verifier is None else [AuthInterceptor(verifier, lambda key: job_type(store, key))]
    server = grpc.aio.server(options=[("grpc.so_reuseport", 0)], interceptors=interceptors)
    gateway_pb2_grpc.add_GatewayServicer_to_server(gateway, server)
    health = health_aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    rest = _Uvicorn(
        uvicorn.Config(
            rest_app(parts, poller, results, verifier),
            host=settings.host,
            port=settings.rest_port,
            log_config=None,
            access_log=False,
            lifespan="off",
        )
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    tasks = [
        asyncio.create_task(parts.scheduler.run(), name="scheduler"),
        asyncio.create_task(rest.serve(), name="rest"),
    ]
    if settings.nats_url:
        from engine.export.nats_exporter import NatsExporter

        exporter = NatsExporter(
            store, hub, settings.nats_url, settings.partition_id, password=settings.nats_password
        )
        tasks.append(asyncio.create_task(exporter.run(), name="exporter"))
    while not rest.started:
        await asyncio.sleep(0.01)
        if tasks[1].done():
            await tasks[1]
            raise RuntimeError("the REST server did not start")
    for service in ("", GATEWAY_SERVICE):
        await health.set(service, health_pb2.HealthCheckResponse.SERVING)
    # the port is bound (gRPC listens from then on) and served last: a client that connects as soon as
    # it can gets SERVING and working calls, never NOT_FOUND from a health service not yet set
    server.add_insecure_port(f"{settings.host}:{settings.grpc_port}")
    await server.start()
    log.info(
        "engine started",
        extra={
            "grpc_port": settings.grpc_port,
            "rest_port": settings.rest_port,
            "database": store.engine.dialect.name,
        },
    )
    await stop.wait()
    log.info("engine stopping")
    await health.enter_graceful_shutdown()
    rest.should_exit = True
    await server.stop(grace=1.0)
    for task in tasks:
        if task.get_name() != "rest":
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    store.engine.dispose()
    log.info("engine stopped")
