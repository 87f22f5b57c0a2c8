"""Range functions (DMN 1.3 §10.3.4.9): `before`, `after`, `meets`, `overlaps`, `includes`, ..."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.feel.builtins.registry import builtin, fail
from engine.feel.datatypes import FeelRange
from engine.feel.operators import compare


def _cmp(a: Any, b: Any) -> int:
    result = compare(a, b)
    if result is None:
        raise fail("the values are not comparable")
    return result


def _range(value: Any) -> FeelRange:
    """A point is the range [p..p]."""
    return value if isinstance(value, FeelRange) else FeelRange(value, value, True, True)


def _before(a: FeelRange, b: FeelRange) -> bool:
    c = _cmp(a.end, b.start)
    return c < 0 or (c == 0 and not (a.end_included and b.start_included))


def _meets(a: FeelRange, b: FeelRange) -> bool:
    return a.end_included and b.start_included and _cmp(a.end, b.start) == 0


def _overlaps(a: FeelRange, b: FeelRange) -> bool:
    c1, c2 = _cmp(a.end, b.start), _cmp(a.start, b.end)
    left = c1 > 0 or (c1 == 0 and a.end_included and b.start_included)
    right = c2 < 0 or (c2 == 0 and a.start_included and b.end_included)
    return left and right


def _overlaps_before(a: FeelRange, b: FeelRange) -> bool:
    c1, c2, c3 = _cmp(a.start, b.start), _cmp(a.end, b.start), _cmp(a.end, b.end)
    return (
        (c1 < 0 or (c1 == 0 and a.start_included and not b.start_included))
        and (c2 > 0 or (c2 == 0 and a.end_included and b.start_included))
        and (c3 < 0 or (c3 == 0 and (not a.end_included or b.end_included)))
    )


def _finishes(a: FeelRange, b: FeelRange) -> bool:
    c = _cmp(a.start, b.start)
    return (
        a.end_included == b.end_included
        and _cmp(a.end, b.end) == 0
        and (c > 0 or (c == 0 and (not a.start_included or b.start_included)))
    )


def _includes(a: FeelRange, b: FeelRange) -> bool:
    c1, c2 = _cmp(a.start, b.start), _cmp(a.end, b.end)
    return (c1 < 0 or (c1 == 0 and (a.start_included or not b.start_included))) and (
        c2 > 0 or (c2 == 0 and (a.end_included or not b.end_included))
    )


def _starts(a: FeelRange, b: FeelRange) -> bool:
    c = _cmp(a.end, b.end)
    return (
        _cmp(a.start, b.start) == 0
        and a.start_included == b.start_included
        and (c < 0 or (c == 0 and (not a.end_included or b.end_included)))
    )


def _coincides(a: FeelRange, b: FeelRange) -> bool:
    return (
        _cmp(a.start, b.start) == 0
        and _cmp(a.end, b.end) == 0
        and a.start_included == b.start_included
        and a.end_included == b.end_included
    )


_PARAMS = (("point1", "point2"), ("point", "range"), ("range", "point"), ("range1", "range2"))


def _register(name: str, relation: Callable[[FeelRange, FeelRange], bool], swap: bool = False) -> None:
    def invoke(x: Any, y: Any) -> bool:
        if x is None or y is None:
            raise fail("null is not a point or a range")
        a, b = (_range(y), _range(x)) if swap else (_range(x), _range(y))
        return relation(a, b)

    for params in _PARAMS:
        builtin(name, *params)(invoke)


_register("before", _before)
_register("after", _before, swap=True)
_register("meets", _meets)
_register("met by", _meets, swap=True)
_register("overlaps", _overlaps)
_register("overlaps before", _overlaps_before)
_register("overlaps after", _overlaps_before, swap=True)
_register("finishes", _finishes)
_register("finished by", _finishes, swap=True)
_register("includes", _includes)
_register("during", _includes, swap=True)
_register("starts", _starts)
_register("started by", _starts, swap=True)
_register("coincides", _coincides)
