"""FastAPI app factory: health, readiness, metrics, correlation ids and French error bodies."""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Annotated, Any

from fastapi import FastAPI, Header, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from plumbing.authentication import actor_verifier
from plumbing.correlation import HEADER, bind_correlation_id
from plumbing.erreurs_requete import (
    DONNEES_INVALIDES,
    ERREUR_INTERNE,
    JSON_INVALIDE,
    detail_http,
    erreurs_francaises,
    json_invalide,
    refus,
)
from plumbing.health import ReadinessCheck
from plumbing.settings import PlatformSettings

log = logging.getLogger(__name__)
METRIQUES_PROTEGEES = "Les métriques demandent le jeton de supervision (METRICS_TOKEN)."

REQUESTS = Counter("http_requests_total", "Requêtes HTTP traitées", ["service", "method", "status"])
LATENCY = Histogram("http_request_duration_seconds", "Durée des requêtes HTTP", ["service"])


def create_app(
    service: str,
    readiness: Mapping[str, ReadinessCheck] | None = None,
    errors: ErrorTable | None = None,
    platform: PlatformSettings | None = None,
    **fastapi_options: object,
) -> FastAPI:
    """An app with `/healthz`, `/readyz`, `/metrics`, correlation ids and uniform errors.

    `errors` is the service's table of domain errors (`api/errors.py`), answered in French. Every
    route documents the 400 and 422 this app answers to a body or parameters it cannot read.
    `/docs` and `/openapi.json` are served in development only; `/metrics` outside development
    only to the bearer of `METRICS_TOKEN`, and not at all without one (`platform`: read from the
    environment when not given).
    """
    platform = platform or PlatformSettings()
    development = platform.app_env == "development"
    if not development:
        fastapi_options.update(docs_url=None, redoc_url=None, openapi_url=None)
    app = FastAPI(title=service, responses=refus(400, 422), **fastapi_options)  # type: ignore[arg-type]
    app.state.actor_verifier = actor_verifier(platform.identity_jwks_url, platform.identity_token_issuer)
    checks = dict(readiness or {})
    install_error_table(app, errors or {})
    app.add_middleware(Correlation, service=service)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        if json_invalide(list(exc.errors())):
            return JSONResponse(status_code=400, content={"detail": JSON_INVALIDE})
        errors = erreurs_francaises(list(exc.errors()))
        return JSONResponse(status_code=422, content={"detail": DONNEES_INVALIDES, "erreurs": errors})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        exc.detail = detail_http(exc.status_code, exc.detail)
        return await http_exception_handler(request, exc)

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, exc: Exception) -> JSONResponse:
        log.error("erreur interne", extra={"error": type(exc).__name__})
        return JSONResponse(status_code=500, content={"detail": ERREUR_INTERNE})

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                results[name] = "ok" if await check() else "indisponible"
            except Exception as error:  # a failing dependency must not break the probe
                results[name] = "indisponible"
                log.warning(
                    "dépendance indisponible", extra={"dependency": name, "error": type(error).__name__}
                )
        ready = all(v == "ok" for v in results.values())
        return JSONResponse(
            status_code=200 if ready else 503, content={"status": "ok" if ready else "ko", **results}
        )

    if development or platform.metrics_token:
        attendu = f"Bearer {platform.metrics_token}".encode()

        @app.get("/metrics", include_in_schema=False)
        async def metrics(authorization: Annotated[str, Header()] = "") -> Response:
            if not development and not hmac.compare_digest(authorization.encode(), attendu):
                return JSONResponse(
                    status_code=401,
                    content={"detail": METRIQUES_PROTEGEES},
                    headers={"WWW-Authenticate": "Bearer"},
                )
            return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return app


def trust_proxies(app: FastAPI, proxies: str) -> None:
    """Read the visitor's address from `X-Forwarded-For` only when the request comes from one of
    `proxies` (comma-separated addresses or networks, e.g. "10.0.0.0/8,192.0.2.7"), walking the
    header from the right past the trusted ones (uvicorn's middleware). Without proxies the address
    is the socket's peer, whatever the caller writes in the header."""
    if proxies.strip():
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)


def client_address(request: Request) -> str | None:
    """The visitor's address as `trust_proxies` settled it (what per-address limits count)."""
    return request.client.host[:64] if request.client else None


class Correlation:
    """Every request: its correlation id (the caller's or a new one) bound and sent back, its
    duration and status counted. Plain ASGI: a `BaseHTTPMiddleware` costs a task and a stream."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.latency, self.service = LATENCY.labels(service), service
        self._header = HEADER.lower().encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = next((v for k, v in scope["headers"] if k == self._header), None)
        correlation_id = bind_correlation_id(None if received is None else received.decode("latin-1"))
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = correlation_id
                REQUESTS.labels(self.service, scope["method"], str(message["status"])).inc()
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self.latency.observe(time.perf_counter() - started)


# A service's table of domain errors (`api/errors.py`): each error type, and how to answer it:
# a status and a body, and headers if any. The most specific type wins (Starlette walks the MRO).
ErrorAnswer = Callable[[Any], tuple[int, dict[str, Any]] | tuple[int, dict[str, Any], dict[str, str]]]
ErrorTable = Mapping[type[Exception], ErrorAnswer]


def detail(status: int, headers: dict[str, str] | None = None) -> ErrorAnswer:
    """Answer `{"detail": <the error's French message>}` with `status`."""

    def answer(error: Exception) -> tuple[int, dict[str, Any], dict[str, str]]:
        return status, {"detail": getattr(error, "message", None) or str(error)}, headers or {}

    return answer


def fixed(status: int, message: str) -> ErrorAnswer:
    """Answer always the same French message (the error's own text is not for the user)."""
    return lambda _error: (status, {"detail": message})


def install_error_table(app: FastAPI, table: ErrorTable) -> None:
    for error_type, answer in table.items():
        app.add_exception_handler(error_type, _answer_with(answer))


def _answer_with(answer: ErrorAnswer) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handle(_request: Request, error: Exception) -> JSONResponse:
        status, body, *headers = answer(error)
        return JSONResponse(status_code=status, content=body, headers=headers[0] if headers else None)

    return handle
