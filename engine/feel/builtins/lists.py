"""List functions."""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from typing import Any

from engine.feel.builtins.registry import a_list, builtin, fail, function, integer, string
from engine.feel.datatypes import COMPARABLE, kind
from engine.feel.operators import DEC, compare, equals
from engine.feel.unary import and3_values, or3_values


def _numbers(items: Any) -> list[Decimal]:
    items = a_list(items)
    if any(type(x) is not Decimal for x in items):
        raise fail("expected a list of numbers")
    return items


def _sum(numbers: list[Decimal]) -> Decimal:
    return functools.reduce(DEC.add, numbers, Decimal(0))


def _comparable(items: list[Any]) -> list[Any]:
    tags = {kind(x) for x in items}
    if len(tags) != 1 or not tags <= COMPARABLE:
        raise fail("the items are not comparable")
    return items


def _contains(items: list[Any], value: Any) -> bool:
    return any(equals(item, value) is True for item in items)


def _distinct(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if not _contains(seen, item):
            seen.append(item)
    return seen


def _list_index(items: list[Any], position: int) -> int:
    if position == 0:
        raise fail("position must be a non-zero number")
    return position - 1 if position > 0 else len(items) + position


@builtin("list contains", "list", "element")
def list_contains(items: Any, element: Any) -> bool:
    return _contains(a_list(items), element)


@builtin("count", "list")
def count(items: Any) -> Decimal:
    return Decimal(len(a_list(items)))


@builtin("min", "list", varargs=True)
def min_(items: Any) -> Any:
    items = a_list(items)
    if not items:
        return None
    return functools.reduce(lambda x, y: y if compare(y, x) == -1 else x, _comparable(items))


@builtin("max", "list", varargs=True)
def max_(items: Any) -> Any:
    items = a_list(items)
    if not items:
        return None
    return functools.reduce(lambda x, y: y if compare(y, x) == 1 else x, _comparable(items))


@builtin("sum", "list", varargs=True)
def sum_(items: Any) -> Decimal | None:
    numbers = _numbers(items)
    return _sum(numbers) if numbers else None


@builtin("product", "list", varargs=True)
def product(items: Any) -> Decimal | None:
    numbers = _numbers(items)
    return functools.reduce(DEC.multiply, numbers, Decimal(1)) if numbers else None


@builtin("mean", "list", varargs=True)
def mean(items: Any) -> Decimal | None:
    numbers = _numbers(items)
    return DEC.divide(_sum(numbers), Decimal(len(numbers))) if numbers else None


@builtin("median", "list", varargs=True)
def median(items: Any) -> Decimal | None:
    numbers = sorted(_numbers(items))
    if not numbers:
        return None
    middle = len(numbers) // 2
    if len(numbers) % 2:
        return numbers[middle]
    return DEC.divide(DEC.add(numbers[middle - 1], numbers[middle]), Decimal(2))


@builtin("stddev", "list", varargs=True)
def stddev(items: Any) -> Decimal | None:
    numbers = _numbers(items)
    if not numbers:
        return None
    average = DEC.divide(_sum(numbers), Decimal(len(numbers)))
    deviations = _sum([DEC.power(DEC.subtract(n, average), 2) for n in numbers])
    variance = DEC.divide(deviations, Decimal(len(numbers) - 1))
    return Decimal(repr(math.sqrt(float(variance))))


@builtin("mode", "list", varargs=True)
def mode(items: Any) -> list[Decimal]:
    numbers = _numbers(items)
    counts: dict[Decimal, int] = {}
    for n in numbers:
        counts[n] = counts.get(n, 0) + 1
    if not counts:
        return []
    top = max(counts.values())
    return sorted(n for n, c in counts.items() if c == top)


@builtin("all", "list", varargs=True)
def all_(items: Any) -> bool | None:
    return and3_values(a_list(items))


@builtin("any", "list", varargs=True)
def any_(items: Any) -> bool | None:
    return or3_values(a_list(items))


@builtin("sublist", "list", "start")
def sublist(items: Any, start: Any) -> list[Any]:
    items = a_list(items)
    return items[max(_list_index(items, integer(start)), 0) :]


@builtin("sublist", "list", "start", "length")
def sublist_length(items: Any, start: Any, length: Any) -> list[Any]:
    items = a_list(items)
    begin = max(_list_index(items, integer(start)), 0)
    return items[begin : begin + max(integer(length), 0)]


@builtin("append", "list", "items", varargs=True)
def append(items: Any, more: Any) -> list[Any]:
    return [*a_list(items), *a_list(more)]


@builtin("concatenate", "lists", varargs=True)
def concatenate(lists: Any) -> list[Any]:
    result: list[Any] = []
    for value in a_list(lists):
        result.extend(value if type(value) is list else [value])
    return result


@builtin("insert before", "list", "position", "newItem")
def insert_before(items: Any, position: Any, new_item: Any) -> list[Any]:
    items = a_list(items)
    index = max(_list_index(items, integer(position)), 0)
    return [*items[:index], new_item, *items[index:]]


@builtin("remove", "list", "position")
def remove(items: Any, position: Any) -> list[Any]:
    items = a_list(items)
    index = _list_index(items, integer(position))
    return items[: max(index, 0)] + items[index + 1 :] if index < len(items) else list(items)


@builtin("reverse", "list")
def reverse(items: Any) -> list[Any]:
    return a_list(items)[::-1]


@builtin("index of", "list", "match")
def index_of(items: Any, match: Any) -> list[Decimal]:
    return [Decimal(i) for i, item in enumerate(a_list(items), 1) if equals(item, match) is True]


@builtin("union", "lists", varargs=True)
def union(lists: Any) -> list[Any]:
    return _distinct(concatenate(lists))


@builtin("distinct values", "list")
def distinct_values(items: Any) -> list[Any]:
    return _distinct(a_list(items))


@builtin("duplicate values", "list")
def duplicate_values(items: Any) -> list[Any]:
    items = a_list(items)
    return [x for x in _distinct(items) if sum(1 for y in items if equals(x, y) is True) > 1]


def _flatten(items: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        result.extend(_flatten(item) if type(item) is list else [item])
    return result


@builtin("flatten", "list")
def flatten(items: Any) -> list[Any]:
    return _flatten(a_list(items))


@builtin("sort", "list", "precedes")
def sort(items: Any, precedes: Any) -> list[Any]:
    fn = function(precedes)
    if len(fn.params) != 2:
        raise fail("the precedes function must take two arguments")

    def ordering(x: Any, y: Any) -> int:
        result = fn.invoke([x, y])
        if type(result) is not bool:
            raise fail("the precedes function must return a boolean")
        return -1 if result else 0

    return sorted(a_list(items), key=functools.cmp_to_key(ordering))


def _join(items: Any, delimiter: Any = None, prefix: Any = None, suffix: Any = None) -> str:
    items = a_list(items)
    if any(x is not None and type(x) is not str for x in items):
        raise fail("expected a list of strings")
    sep, start, end = (string(v) if v is not None else "" for v in (delimiter, prefix, suffix))
    return start + sep.join(x for x in items if x is not None) + end


builtin("string join", "list")(_join)
builtin("string join", "list", "delimiter")(_join)
builtin("string join", "list", "delimiter", "prefix", "suffix")(_join)


@builtin("is empty", "list")
def is_empty(items: Any) -> bool:
    return not a_list(items)


@builtin("partition", "list", "size")
def partition(items: Any, size: Any) -> list[list[Any]]:
    items, step = a_list(items), integer(size)
    if step <= 0:
        raise fail("size must be positive")
    return [items[i : i + step] for i in range(0, len(items), step)]


def _register_aliases() -> None:
    from engine.feel.builtins.registry import alias

    alias("and", "all")
    alias("or", "any")


_register_aliases()
