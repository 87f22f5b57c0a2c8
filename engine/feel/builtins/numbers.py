"""Numeric functions."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import random
from decimal import Decimal
from typing import Any

from engine.feel.builtins.registry import builtin, fail, integer, number, string
from engine.feel.datatypes import YearsMonthsDuration
from engine.feel.operators import DEC

_MODES = {
    "UP": decimal.ROUND_UP,
    "DOWN": decimal.ROUND_DOWN,
    "CEILING": decimal.ROUND_CEILING,
    "FLOOR": decimal.ROUND_FLOOR,
    "HALF_UP": decimal.ROUND_HALF_UP,
    "HALF_DOWN": decimal.ROUND_HALF_DOWN,
    "HALF_EVEN": decimal.ROUND_HALF_EVEN,
}


def _round(n: Any, scale: Any, mode: str) -> Decimal:
    """Java's `setScale(scale, mode)`."""
    exponent = Decimal(1).scaleb(-integer(scale))
    return number(n).quantize(exponent, rounding=mode, context=decimal.Context(prec=1000))


def _float(value: float) -> Decimal:
    if math.isnan(value) or math.isinf(value):
        raise fail("not a finite number")
    return Decimal(repr(value))


@builtin("decimal", "n", "scale")
def decimal_(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, decimal.ROUND_HALF_EVEN)


@builtin("decimal", "n", "scale", "mode")
def decimal_mode(n: Any, scale: Any, mode: Any) -> Decimal:
    rounding = _MODES.get(string(mode).upper())
    if rounding is None:
        raise fail(f"unknown rounding mode {mode}")
    return _round(n, scale, rounding)


@builtin("floor", "n")
def floor(n: Any) -> Decimal:
    return _round(n, Decimal(0), decimal.ROUND_FLOOR)


@builtin("floor", "n", "scale")
def floor_scale(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, decimal.ROUND_FLOOR)


@builtin("ceiling", "n")
def ceiling(n: Any) -> Decimal:
    return _round(n, Decimal(0), decimal.ROUND_CEILING)


@builtin("ceiling", "n", "scale")
def ceiling_scale(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, decimal.ROUND_CEILING)


@builtin("round up", "n", "scale")
def round_up(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, decimal.ROUND_UP)


@builtin("round down", "n", "scale")
def round_down(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, decimal.ROUND_DOWN)


@builtin("round half up", "n", "scale")
def round_half_up(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, decimal.ROUND_HALF_UP)


@builtin("round half down", "n", "scale")
def round_half_down(n: Any, scale: Any) -> Decimal:
    return _round(n, scale, decimal.ROUND_HALF_DOWN)


def _abs(n: Any) -> Any:
    if isinstance(n, YearsMonthsDuration):
        return YearsMonthsDuration(abs(n.months))
    if isinstance(n, dt.timedelta):
        return abs(n)
    return abs(number(n))


builtin("abs", "n")(_abs)
builtin("abs", "number")(_abs)


@builtin("modulo", "dividend", "divisor")
def modulo(dividend: Any, divisor: Any) -> Decimal:
    a, b = number(dividend), number(divisor)
    return DEC.remainder(DEC.add(DEC.remainder(a, b), b), b)


@builtin("sqrt", "number")
def sqrt(n: Any) -> Decimal | None:
    value = number(n)
    return None if value < 0 else _float(math.sqrt(float(value)))


@builtin("log", "number")
def log(n: Any) -> Decimal:
    return _float(math.log(float(number(n))))


@builtin("exp", "number")
def exp(n: Any) -> Decimal:
    return _float(math.exp(float(number(n))))


@builtin("odd", "number")
def odd(n: Any) -> bool:
    return abs(number(n)) % 2 == 1


@builtin("even", "number")
def even(n: Any) -> bool:
    return number(n) % 2 == 0


@builtin("random number")
def random_number() -> Decimal:
    return _float(random.random())
