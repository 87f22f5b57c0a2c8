"""Date-time filters and sorts on columns that keep the ISO 8601 text a model gave (a user task's
`dueDate` and `followUpDate`): compared as instants, whatever the offset they were written with.

Camunda's date-time filter: a value, or `$eq`, `$neq`, `$gt`, `$gte`, `$lt`, `$lte`, `$exists`,
`$in` with ISO 8601 date-times. SQLite compares `julianday()`s (it reads `Z` and `±HH:MM`),
PostgreSQL `timestamptz`s; a text that is not a date-time never matches.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Float

from engine.errors import InvalidArgument


class instant(FunctionElement[float]):
    """The instant an ISO 8601 text names, comparable across offsets (NULL when it is not one)."""

    type = Float()
    inherit_cache = True
    name = "instant"


@compiles(instant, "sqlite")
def _instant_sqlite(element: instant, compiler: SQLCompiler, **kw: Any) -> str:
    return f"julianday({compiler.process(element.clauses, **kw)})"


@compiles(instant, "postgresql")
def _instant_postgresql(element: instant, compiler: SQLCompiler, **kw: Any) -> str:
    argument = compiler.process(element.clauses, **kw)
    return (
        f"(CASE WHEN {argument} ~ '^\\d{{4}}-\\d{{2}}-\\d{{2}}T\\d{{2}}:\\d{{2}}' "
        f"THEN EXTRACT(EPOCH FROM CAST({argument} AS TIMESTAMP WITH TIME ZONE)) END)"
    )


def _utc_text(value: Any) -> str:
    """The operand as a UTC ISO text, so that both sides go through the same conversion."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise InvalidArgument(f"The date-time '{value}' is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+00:00"


def epoch_ms(value: Any) -> int:
    """An ISO 8601 date-time operand as the epoch milliseconds the engine's own dates are kept in."""
    return int(datetime.fromisoformat(_utc_text(value)).timestamp() * 1000)


def _at(value: Any) -> Any:
    return instant(literal(_utc_text(value)))


def date_time_filter(column_name: str) -> Any:
    """A custom search filter (see `engine.queries.search.SearchSpec.custom_filters`)."""

    def build(table: Table, value: Any) -> ColumnElement[bool]:
        column = table.c[column_name]
        moment = instant(column)
        if not isinstance(value, dict):
            return moment == _at(value)
        parts: list[ColumnElement[bool]] = []
        for operator, operand in value.items():
            if operator == "$exists":
                parts.append(column.is_not(None) if operand else column.is_(None))
            elif operator == "$in":
                parts.append(or_(*[moment == _at(v) for v in operand]))
            elif operator in COMPARISONS:
                parts.append(COMPARISONS[operator](moment, _at(operand)))
            else:
                raise InvalidArgument(f"Unsupported filter operator '{operator}'")
        return and_(*parts)

    return build


COMPARISONS = {
    "$eq": lambda a, b: a == b,
    "$neq": lambda a, b: a != b,
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
}
