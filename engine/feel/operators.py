"""FEEL operators: equality, ordering and arithmetic, with FEEL-scala's null-on-mismatch rules."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from decimal import Decimal
from typing import Any

from engine.feel import datatypes as t
from engine.feel.datatypes import YearsMonthsDuration, kind
from engine.feel.temporal import (
    UTC,
    add_duration,
    add_months,
    add_to_date,
    add_to_time,
    subtract_date_times,
    time_instant_micros,
)

# DECIMAL128, as scala.math.BigDecimal in FEEL-scala
DEC = decimal.Context(prec=34, rounding=decimal.ROUND_HALF_EVEN, Emax=6144, Emin=-6143)
_ARITH_ERRORS = (decimal.DecimalException, ArithmeticError, ValueError, TypeError)


def equals(a: Any, b: Any) -> bool | None:
    """`a = b`: null when the types differ (except that anything can be compared with null)."""
    if a is None or b is None:
        return a is None and b is None
    ka, kb = kind(a), kind(b)
    if ka != kb:
        return None
    if ka == t.LIST:
        return len(a) == len(b) and all(equals(x, y) is True for x, y in zip(a, b, strict=False))
    if ka == t.CONTEXT:
        return a.keys() == b.keys() and all(equals(a[k], b[k]) is True for k in a)
    if ka == t.DATE_TIME:
        return a == b and a.utcoffset() == b.utcoffset() and t.zone_id(a) == t.zone_id(b)
    if ka == t.TIME:
        return a.replace(tzinfo=None) == b.replace(tzinfo=None) and a.tzinfo == b.tzinfo
    if ka in (t.FUNCTION, t.RANGE):
        return a is b or a == b
    return bool(a == b)


def order_key(value: Any, tag: str) -> Any:
    if tag == t.TIME:
        return time_instant_micros(value)
    if tag == t.DATE_TIME:
        return value.astimezone(UTC)
    return value


def compare(a: Any, b: Any) -> int | None:
    """-1/0/1, or None when the values are not comparable (different or unordered types)."""
    if a is None or b is None:
        return None
    ka = kind(a)
    if ka != kind(b) or ka not in t.COMPARABLE:
        return None
    x, y = order_key(a, ka), order_key(b, ka)
    return -1 if x < y else (1 if x > y else 0)


def less(a: Any, b: Any) -> bool | None:
    c = compare(a, b)
    return None if c is None else c < 0


def less_eq(a: Any, b: Any) -> bool | None:
    c = compare(a, b)
    return None if c is None else c <= 0


def greater(a: Any, b: Any) -> bool | None:
    c = compare(a, b)
    return None if c is None else c > 0


def greater_eq(a: Any, b: Any) -> bool | None:
    c = compare(a, b)
    return None if c is None else c >= 0


def add(a: Any, b: Any) -> Any:
    ka, kb = kind(a), kind(b)
    try:
        if ka == kb == t.NUMBER:
            return DEC.add(a, b)
        if ka == kb == t.STRING:
            return a + b
        if ka == kb == t.DT_DURATION:
            return a + b
        if ka == kb == t.YM_DURATION:
            return YearsMonthsDuration(a.months + b.months)
        if kb in (t.DATE, t.LOCAL_TIME, t.TIME, t.LOCAL_DATE_TIME, t.DATE_TIME):
            a, b, ka, kb = b, a, kb, ka
        if kb == t.DT_DURATION:
            if ka in (t.LOCAL_DATE_TIME, t.DATE_TIME):
                return add_duration(a, b)
            if ka == t.DATE:
                return add_to_date(a, b)
            if ka in (t.LOCAL_TIME, t.TIME):
                return add_to_time(a, b)
        if kb == t.YM_DURATION and ka in (t.DATE, t.LOCAL_DATE_TIME, t.DATE_TIME):
            return add_months(a, b.months)
    except (*_ARITH_ERRORS, OverflowError):
        return None
    return None


def subtract(a: Any, b: Any) -> Any:
    ka, kb = kind(a), kind(b)
    try:
        if ka == kb:
            if ka == t.NUMBER:
                return DEC.subtract(a, b)
            if ka in (t.DT_DURATION, t.LOCAL_TIME, t.LOCAL_DATE_TIME):
                return _local_difference(a, b, ka)
            if ka == t.DATE_TIME:
                return subtract_date_times(a, b)
            if ka == t.DATE:
                return dt.timedelta(days=(a - b).days)
            if ka == t.TIME:
                return dt.timedelta(microseconds=abs(time_instant_micros(a) - time_instant_micros(b)))
            if ka == t.YM_DURATION:
                return YearsMonthsDuration(a.months - b.months)
            return None
        if kb == t.DT_DURATION:
            return add(a, -b) if ka != t.NUMBER else None
        if kb == t.YM_DURATION and ka in (t.DATE, t.LOCAL_DATE_TIME, t.DATE_TIME):
            return add_months(a, -b.months)
    except (*_ARITH_ERRORS, OverflowError):
        return None
    return None


def _local_difference(a: Any, b: Any, tag: str) -> dt.timedelta:
    if tag == t.LOCAL_TIME:
        base = dt.date(2000, 1, 1)
        return dt.datetime.combine(base, a) - dt.datetime.combine(base, b)
    difference: dt.timedelta = a - b
    return difference


def multiply(a: Any, b: Any) -> Any:
    ka, kb = kind(a), kind(b)
    try:
        if ka == kb == t.NUMBER:
            return DEC.multiply(a, b)
        if kb == t.NUMBER:
            a, b, ka, kb = b, a, kb, ka
        if ka == t.NUMBER:
            factor = int(a)  # Java's intValue: the fraction is dropped
            if kb == t.YM_DURATION:
                return YearsMonthsDuration(b.months * factor)
            if kb == t.DT_DURATION:
                return b * factor
    except (*_ARITH_ERRORS, OverflowError):
        return None
    return None


def divide(a: Any, b: Any) -> Any:
    ka, kb = kind(a), kind(b)
    try:
        if kb == t.NUMBER and b == 0:
            return None
        if ka == kb == t.NUMBER:
            return DEC.divide(a, b)
        if ka == t.YM_DURATION:
            if kb == t.NUMBER:
                return YearsMonthsDuration(int(DEC.divide(Decimal(a.months), b)))
            if kb == t.YM_DURATION and b.months:
                return DEC.divide(Decimal(a.months), Decimal(b.months))
        if ka == t.DT_DURATION:
            millis_a = _millis(a)
            if kb == t.DT_DURATION and b:
                return DEC.divide(Decimal(millis_a), Decimal(_millis(b)))
            if kb == t.NUMBER:
                return dt.timedelta(milliseconds=int(DEC.divide(Decimal(millis_a), b)))
    except (*_ARITH_ERRORS, OverflowError):
        return None
    return None


def _millis(delta: dt.timedelta) -> int:
    return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000


def power(a: Any, b: Any) -> Any:
    if kind(a) != t.NUMBER or kind(b) != t.NUMBER:
        return None
    try:
        if b == b.to_integral_value():
            return DEC.power(a, int(b))
        return DEC.create_decimal(repr(math.pow(float(a), float(b))))
    except (*_ARITH_ERRORS, OverflowError):
        return None


def negate(a: Any) -> Any:
    # FEEL-scala negates numbers only; `-duration` is null there too
    return DEC.minus(a) if kind(a) == t.NUMBER else None
