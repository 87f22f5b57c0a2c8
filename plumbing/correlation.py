"""A correlation id follows one request across HTTP calls, jobs and NATS messages."""

from __future__ import annotations

import uuid
from contextvars import ContextVar

HEADER = "X-Correlation-ID"
JOB_VARIABLE = "correlationId"

_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def current_correlation_id() -> str | None:
    return _current.get()


def new_correlation_id() -> str:
    return uuid.uuid4().hex


def bind_correlation_id(value: str | None) -> str:
    """Make `value` (or a fresh id) the correlation id of the running context and return it."""
    correlation_id = value if value and len(value) <= 64 and value.isprintable() else new_correlation_id()
    _current.set(correlation_id)
    return correlation_id
