"""`for ... return`, `some/every ... satisfies` and `a..b` iteration ranges."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from engine.feel.unary import and3_values, or3_values

if TYPE_CHECKING:
    from engine.feel.env import Env

Evaluator = Callable[["Env"], Any]
Iterators = list[tuple[str, Evaluator]]


def iteration_source(start: Evaluator, end: Evaluator) -> Evaluator:
    def numbers(env: Env) -> list[Decimal] | None:
        first, last = start(env), end(env)
        if not isinstance(first, Decimal) or not isinstance(last, Decimal):
            return None
        step = 1 if first <= last else -1
        return [Decimal(i) for i in range(int(first), int(last) + step, step)]

    return numbers


class _NotAList(Exception):
    pass


def _bindings(iterators: Iterators, env: Env, bound: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The cartesian product, first iterator outermost; later sources may use earlier names."""
    name, source = iterators[0]
    items = source(env.child(bound) if bound else env)
    if type(items) is not list:
        raise _NotAList
    for item in items:
        current = {**bound, name: item}
        if len(iterators) == 1:
            yield current
        else:
            yield from _bindings(iterators[1:], env, current)


def compile_for(iterators: Iterators, body: Evaluator) -> Evaluator:
    def for_loop(env: Env) -> list[Any] | None:
        results: list[Any] = []
        try:
            for bound in _bindings(iterators, env, {}):
                bound["partial"] = list(results)
                results.append(body(env.child(bound)))
        except _NotAList:
            return None
        return results

    return for_loop


def compile_quantified(every: bool, iterators: Iterators, condition: Evaluator) -> Evaluator:
    combine = and3_values if every else or3_values

    def quantified(env: Env) -> bool | None:
        try:
            return combine(condition(env.child(bound)) for bound in _bindings(iterators, env, {}))
        except _NotAList:
            return None

    return quantified
