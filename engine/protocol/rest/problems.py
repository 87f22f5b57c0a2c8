"""RFC 9457 problem+json answers, shaped like Camunda's."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from engine.errors import CommandRejected

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, instance: str) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": instance},
        status_code=status,
        media_type=PROBLEM,
    )


async def rejected(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, CommandRejected)
    return problem(error.http_status, error.title, error.message, request.url.path)


async def invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg')}" for e in error.errors()
    )
    return problem(400, "Bad Request", details or "invalid request", request.url.path)


async def http_error(request: Request, error: Exception) -> JSONResponse:
    """Unknown routes and methods answer problem+json too, as every Camunda error does."""
    assert isinstance(error, HTTPException)
    title = HTTPStatus(error.status_code).phrase
    detail = error.detail if isinstance(error.detail, str) else title
    return problem(
        error.status_code, title, f"{request.method} {request.url.path}: {detail}", request.url.path
    )


async def internal_error(request: Request, error: Exception) -> JSONResponse:
    """The server logs the failure itself (uvicorn), with its traceback."""
    return problem(500, "INTERNAL_ERROR", "the engine failed to process the request", request.url.path)
