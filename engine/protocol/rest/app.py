"""The REST application: Camunda 8 REST API v2 subset, health and readiness, clock control."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import Body, FastAPI, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from engine.commands.documents import require_object
from engine.commands.messages import publish_message
from engine.errors import CommandRejected, InvalidArgument
from engine.limits import integer
from engine.protocol.rest.definitions import definition_routes
from engine.protocol.rest.deployments import deployment_routes
from engine.protocol.rest.element_instances import element_instance_routes
from engine.protocol.rest.formats import key_text
from engine.protocol.rest.incidents import incident_routes
from engine.protocol.rest.jobs import job_routes
from engine.protocol.rest.problems import http_error, internal_error, invalid_request, problem, rejected
from engine.protocol.rest.process_instances import process_instance_routes
from engine.protocol.rest.user_tasks import user_task_routes
from engine.protocol.rest.variables import variable_routes
from engine.state.database import is_reachable

if TYPE_CHECKING:
    from engine.parts import EngineParts
    from engine.protocol.instance_results import InstanceResults
    from engine.protocol.job_polling import JobPoller


def build_rest_app(parts: EngineParts, poller: JobPoller, results: InstanceResults) -> FastAPI:
    """The routes share the gRPC gateway's long polls and result waits, so both protocols behave alike."""
    app = FastAPI(title="engine", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_exception_handler(CommandRejected, rejected)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)
    for router in (
        user_task_routes(parts),
        process_instance_routes(parts, results),
        incident_routes(parts),
        variable_routes(parts),
        definition_routes(parts),
        element_instance_routes(parts),
        deployment_routes(parts),
        job_routes(parts, poller),
    ):
        app.include_router(router)
    _core_routes(app, parts)
    return app


def _core_routes(app: FastAPI, parts: EngineParts) -> None:
    store, clock = parts.store, parts.clock

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> Response:
        if is_reachable(store.engine):
            return Response('{"status":"ready"}', media_type="application/json")
        return problem(503, "SERVICE_UNAVAILABLE", "the database is not reachable", "/readyz")

    @app.get("/v2/topology")
    async def topology() -> dict[str, Any]:
        return parts.topology.rest_response()

    @app.post("/v2/messages/publication")
    async def publish(body: dict[str, Any] = Body(...)) -> dict[str, Any]:
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise InvalidArgument("No name provided.")
        key = publish_message(
            store,
            name=name,
            correlation_key=str(body.get("correlationKey") or ""),
            time_to_live_ms=integer(body.get("timeToLive") or 0, "timeToLive"),
            message_id=str(body.get("messageId") or ""),
            variables=require_object(body.get("variables")),
            tenant_id=str(body.get("tenantId") or ""),
        )
        return {"messageKey": key_text(key), "tenantId": body.get("tenantId") or "<default>"}

    @app.put("/v2/clock", status_code=204)
    async def pin_clock(body: dict[str, Any] = Body(...)) -> Response:
        if not parts.settings.clock_control:
            return problem(
                403, "FORBIDDEN", "clock control is disabled (ENGINE_CLOCK_CONTROL=false)", "/v2/clock"
            )
        timestamp = body.get("timestamp")
        if not isinstance(timestamp, int) or isinstance(timestamp, bool) or timestamp < 0:
            raise InvalidArgument("The value for timestamp is not a valid epoch milliseconds value")
        clock.pin(timestamp)
        parts.hub.schedule_changed.set()
        return Response(status_code=204)

    @app.post("/v2/clock/reset", status_code=204)
    async def reset_clock() -> Response:
        if not parts.settings.clock_control:
            return problem(
                403, "FORBIDDEN", "clock control is disabled (ENGINE_CLOCK_CONTROL=false)", "/v2/clock/reset"
            )
        clock.reset()
        parts.hub.schedule_changed.set()
        return Response(status_code=204)
