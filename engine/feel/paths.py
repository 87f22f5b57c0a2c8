"""Path (`a.b`) and filter (`list[cond]`, `list[1]`) semantics."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from engine.feel.properties import MISSING, get_property

if TYPE_CHECKING:
    from engine.feel.env import Env


def get_path(value: Any, name: str) -> Any:
    """`value.name`: a context entry, mapped over lists, or a property of a temporal value."""
    if type(value) is dict:
        return value.get(name)
    if type(value) is list:
        return [get_path(item, name) for item in value]
    if value is None:
        return None
    found = get_property(value, name)
    return None if found is MISSING else found


def item_at(items: list[Any], index: Decimal) -> Any:
    """1-based; negative from the end; out of range is null."""
    position = int(index)
    i = position - 1 if position > 0 else len(items) + position
    return items[i] if 0 <= i < len(items) else None


def _item_scope(env: Env, item: Any) -> Env:
    if type(item) is dict:
        return env.child({"item": item, **item})
    return env.child({"item": item})


def filter_list(value: Any, condition: Callable[[Env], Any], index: Decimal | None, env: Env) -> Any:
    if type(value) is not list:
        return None
    if index is not None:
        return item_at(value, index)
    if not value:
        return []
    first = condition(_item_scope(env, value[0]))
    if isinstance(first, Decimal) and not isinstance(first, bool):
        return item_at(value, first)
    kept = [value[0]] if first is True else []
    kept.extend(item for item in value[1:] if condition(_item_scope(env, item)) is True)
    return kept
