"""Structured JSON logs on stderr, with the service name and the correlation id.

Log events, identifiers and counts; never names, addresses, e-mails, documents or passwords.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime
from types import TracebackType

from plumbing.correlation import current_correlation_id

# The service a log line comes from when several share a process (`scripts.apps`): set in each
# service's task, inherited by what it starts (tasks, threads of `asyncio.to_thread`).
SERVICE: ContextVar[str | None] = ContextVar("service", default=None)
_RESERVED = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "service": SERVICE.get() or self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if correlation_id := current_correlation_id():
            entry["correlation_id"] = correlation_id
        entry.update({k: v for k, v in record.__dict__.items() if k not in _RESERVED})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)

    def formatException(
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None],
    ) -> str:
        """Where it failed and what kind of error, never its message: a database driver's quotes the
        values it refused (an e-mail, a name), an SMTP relay's the recipient."""
        if ei[0] is None or ei[1] is None:
            return ""
        chaine: list[traceback.TracebackException] = []
        courante: traceback.TracebackException | None = traceback.TracebackException(*ei)
        while courante is not None and len(chaine) < 10:
            chaine.append(courante)
            suivante = courante.__cause__ or (None if courante.__suppress_context__ else courante.__context__)
            courante = suivante
        lignes: list[str] = []
        for element in reversed(chaine):
            lignes.extend(element.stack.format())
            lignes.append(f"{_nom(element)}\n")
        return "".join(lignes).rstrip("\n")


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("uvicorn.access", "httpx", "httpcore", "aiosqlite"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _nom(element: traceback.TracebackException) -> str:
    exc_type = element.exc_type
    return "Exception" if exc_type is None else f"{exc_type.__module__}.{exc_type.__qualname__}"
