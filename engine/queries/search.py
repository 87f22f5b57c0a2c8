"""Camunda's search request (filter, sort, page) run over one table.

The request keeps Camunda's JSON shape (field names, `$eq`/`$in`/`$like`... operators): each resource
module says which fields map to which columns, and this module turns the request into one query.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, ColumnElement, Select, Table, and_, func, select

from engine.errors import InvalidArgument
from engine.keys import parse_key
from engine.limits import INT32_MAX
from engine.queries.instants import epoch_ms
from engine.queries.roots import with_root_instances
from engine.state.unit_of_work import Store

MAX_LIMIT = 10_000


@dataclass
class Page:
    """One page of rows, how many rows match in all, and where the page starts among them."""

    rows: list[Any]
    total: int
    offset: int = 0

    @property
    def start_cursor(self) -> str | None:
        return encode_cursor(self.offset) if self.rows else None

    @property
    def end_cursor(self) -> str | None:
        return encode_cursor(self.offset + len(self.rows) - 1) if self.rows else None


@dataclass
class SearchSpec:
    """Which search fields a resource offers, on which columns, and how its rows sort by default."""

    table: Table
    # json field -> (column, kind: key | text | int | bool | datetime, epoch ms given as ISO 8601)
    filters: dict[str, tuple[str, str]]
    sorts: dict[str, str]
    default_sort: str = "key"
    custom_filters: dict[str, Callable[[Table, Any], ColumnElement[bool]]] = field(default_factory=dict)
    base: Callable[[Table], ColumnElement[bool]] | None = None
    # The column naming the row's process instance: rows then carry `root_process_instance_key`.
    instance_column: str | None = "process_instance_key"


def run_search(store: Store, spec: SearchSpec, body: dict[str, Any] | None) -> Page:
    body = body or {}
    conditions = _conditions(spec, body.get("filter") or {})
    if spec.base is not None:
        conditions.append(spec.base(spec.table))
    offset, limit = _page(body.get("page") or {})
    where = and_(*conditions) if conditions else None
    query: Select[Any] = select(spec.table)
    count_query: Select[Any] = select(func.count()).select_from(spec.table)
    if where is not None:
        query = query.where(where)
        count_query = count_query.where(where)
    query = query.order_by(*_order(spec, body.get("sort") or [])).offset(offset).limit(limit)
    with store.reading() as conn:
        rows: list[Any] = [dict(row) for row in conn.execute(query).mappings()]
        total = conn.execute(count_query).scalar() or 0
        if spec.instance_column is not None:
            rows = with_root_instances(conn, rows, spec.instance_column)
        conn.rollback()
    return Page(rows, total, offset)


def encode_cursor(position: int) -> str:
    """Cursors are opaque to clients: here, the row's position among the matching rows."""
    return base64.urlsafe_b64encode(f"p{position}".encode()).decode()


def _decode_cursor(cursor: Any) -> int:
    try:
        text = base64.urlsafe_b64decode(str(cursor).encode()).decode()
        if text.startswith("p") and text[1:].isdigit():
            return int(text[1:])
    except ValueError:
        pass
    raise InvalidArgument(f"The cursor '{cursor}' is not valid")


def _page(page: dict[str, Any]) -> tuple[int, int]:
    """(offset, limit) from Camunda's offset (`from`) or cursor (`after`, `before`) pagination."""
    try:
        limit = int(page.get("limit", 100))
        offset = int(page.get("from", 0) or 0)
    except (TypeError, ValueError) as error:
        raise InvalidArgument("The page 'limit' and 'from' must be integers") from error
    if page.get("after") is not None:
        offset = _decode_cursor(page["after"]) + 1
    elif page.get("before") is not None:
        before = _decode_cursor(page["before"])
        offset, limit = max(before - limit, 0), min(limit, before)
    if not 0 <= limit <= MAX_LIMIT or not 0 <= offset <= INT32_MAX:
        raise InvalidArgument(
            f"The page limit must be between 0 and 10000 and 'from' between 0 and {INT32_MAX}"
        )
    return offset, limit


def _column(spec: SearchSpec, name: str) -> Column[Any]:
    return spec.table.c[name]


def _conditions(spec: SearchSpec, filters: dict[str, Any]) -> list[ColumnElement[bool]]:
    if not isinstance(filters, dict):
        raise InvalidArgument("The filter must be an object")
    conditions: list[ColumnElement[bool]] = []
    for name, value in filters.items():
        if name in spec.custom_filters:
            conditions.append(spec.custom_filters[name](spec.table, value))
            continue
        if name not in spec.filters:
            raise InvalidArgument(f"Unsupported filter property '{name}'")
        column_name, kind = spec.filters[name]
        column = _column(spec, column_name)
        conditions.append(condition(column, kind, value))
    return conditions


def _convert(kind: str, value: Any) -> Any:
    if kind == "key":
        return parse_key(value)
    if kind == "int":
        try:
            return int(value)
        except (TypeError, ValueError) as error:
            raise InvalidArgument(f"The value '{value}' is not an integer") from error
    if kind == "bool":
        return bool(value)
    if kind == "datetime":
        return epoch_ms(value)
    return str(value)


def condition(column: Column[Any], kind: str, value: Any) -> ColumnElement[bool]:
    if not isinstance(value, dict):
        return column == _convert(kind, value)
    parts: list[ColumnElement[bool]] = []
    for operator, operand in value.items():
        if operator == "$eq":
            parts.append(column == _convert(kind, operand))
        elif operator == "$neq":
            parts.append(column != _convert(kind, operand))
        elif operator == "$in":
            parts.append(column.in_([_convert(kind, v) for v in operand]))
        elif operator == "$notIn":
            parts.append(column.not_in([_convert(kind, v) for v in operand]))
        elif operator == "$exists":
            parts.append(column.is_not(None) if operand else column.is_(None))
        elif operator == "$like":
            parts.append(column.like(str(operand).replace("*", "%").replace("?", "_")))
        elif operator in ("$gt", "$gte", "$lt", "$lte"):
            converted = _convert(kind, operand)
            parts.append(
                {
                    "$gt": column > converted,
                    "$gte": column >= converted,
                    "$lt": column < converted,
                    "$lte": column <= converted,
                }[operator]
            )
        else:
            raise InvalidArgument(f"Unsupported filter operator '{operator}'")
    return and_(*parts)


def _order(spec: SearchSpec, sort: list[dict[str, Any]]) -> list[Any]:
    order: list[Any] = []
    for item in sort:
        field_name = item.get("field")
        if field_name not in spec.sorts:
            raise InvalidArgument(f"Unsupported sort field '{field_name}'")
        column = _column(spec, spec.sorts[field_name])
        order.append(column.desc() if str(item.get("order", "ASC")).upper() == "DESC" else column.asc())
    order.append(_column(spec, spec.default_sort).asc())
    return order
