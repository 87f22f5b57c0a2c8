"""Camunda's REST conventions: keys as strings, dates as ISO 8601 in UTC, search results in pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from engine.errors import NotFound
from engine.queries.search import Page

T = TypeVar("T")


def key_text(value: int | None) -> str | None:
    return None if value is None else str(value)


def iso(epoch_ms: int | None) -> str | None:
    if epoch_ms is None:
        return None
    moment = datetime.fromtimestamp(epoch_ms / 1000, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def page_response(page: Page, to_item: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """A search result as Camunda answers it; totals are exact, so there are never more items than counted."""
    return {
        "items": [to_item(row) for row in page.rows],
        "page": {
            "totalItems": page.total,
            "hasMoreTotalItems": False,
            "startCursor": page.start_cursor,
            "endCursor": page.end_cursor,
        },
    }


def found(row: T | None, what: str, key: str) -> T:
    """The resource read by key, or Camunda's 404 naming what was looked for."""
    if row is None:
        raise NotFound(f"{what} with key '{key}' not found")
    return row
