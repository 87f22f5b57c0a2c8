"""Context functions."""

from __future__ import annotations

from typing import Any

from engine.feel.builtins.registry import a_list, alias, builtin, context, fail


def _get_entries(ctx: Any) -> list[dict[str, Any]]:
    return [{"key": key, "value": value} for key, value in context(ctx).items()]


builtin("get entries", "context")(_get_entries)
builtin("get entries", "m")(_get_entries)


def _keys(keys: list[Any]) -> list[str]:
    if any(type(k) is not str for k in keys):
        raise fail("keys must be strings")
    return keys


def _get_value(ctx: Any, key: Any) -> Any:
    ctx = context(ctx)
    if type(key) is list:
        names = _keys(key)
        value: Any = ctx
        for name in names:
            if type(value) is not dict:
                return None
            value = value.get(name)
        return value if names else None
    if type(key) is not str:
        raise fail("key must be a string")
    return ctx.get(key)


builtin("get value", "m", "key")(_get_value)
builtin("get value", "context", "key")(_get_value)
builtin("get value", "context", "keys")(_get_value)


def _put_path(ctx: dict[str, Any], keys: list[str], value: Any) -> dict[str, Any]:
    head, rest = keys[0], keys[1:]
    if not rest:
        return {**ctx, head: value}
    nested = ctx.get(head)
    return {**ctx, head: _put_path(nested if type(nested) is dict else {}, rest, value)}


def _context_put(ctx: Any, key: Any, value: Any) -> dict[str, Any] | None:
    ctx = context(ctx)
    if type(key) is str:
        return {**ctx, key: value}
    keys = _keys(a_list(key))
    return _put_path(ctx, keys, value) if keys else None


builtin("context put", "context", "key", "value")(_context_put)
builtin("context put", "context", "keys", "value")(_context_put)
alias("put", "context put")


@builtin("context merge", "contexts", varargs=True)
def context_merge(contexts: Any) -> dict[str, Any] | None:
    merged: dict[str, Any] = {}
    for ctx in a_list(contexts):
        if type(ctx) is not dict:
            return None
        merged.update(ctx)
    return merged


alias("put all", "context merge")


@builtin("context", "entries")
def context_from_entries(entries: Any) -> dict[str, Any] | None:
    result: dict[str, Any] = {}
    for entry in a_list(entries):
        if type(entry) is not dict or type(entry.get("key")) is not str or "value" not in entry:
            return None
        result[entry["key"]] = entry["value"]
    return result
