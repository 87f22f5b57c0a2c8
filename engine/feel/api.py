"""Compiled expressions and unary tests, the entry points the engine uses."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from engine.feel.builtins import BUILTINS, FUNCTION_NAMES
from engine.feel.clock import Clock, clock_override
from engine.feel.compiler import Compiler
from engine.feel.env import Env
from engine.feel.parser import parse_expression, parse_unary_tests
from engine.feel.unary import compile_test

_COMPILER = Compiler(BUILTINS)
_EMPTY: Mapping[str, Any] = {}


def is_expression(text: Any) -> bool:
    """Zeebe's rule: a text starting with `=` (after optional whitespace) is FEEL, else a literal."""
    return isinstance(text, str) and text.lstrip().startswith("=")


def expression_source(text: str) -> str:
    """The FEEL source of an `=`-prefixed text."""
    return text.lstrip()[1:]


class CompiledExpression:
    """A parsed and compiled FEEL expression; evaluate it as often as needed (thread-safe)."""

    __slots__ = ("_run", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._run: Callable[[Env], Any] = _COMPILER.compile(parse_expression(source, FUNCTION_NAMES))

    def evaluate(self, context: Mapping[str, Any] | None = None, clock: Clock | None = None) -> Any:
        """The FEEL value of the expression; raises FeelEvaluationError for incident-worthy failures."""
        env = Env(context if context is not None else _EMPTY)
        if clock is None:
            return self._run(env)
        with clock_override(clock):
            return self._run(env)

    def __repr__(self) -> str:
        return f"CompiledExpression({self.source!r})"


class CompiledUnaryTests:
    """DMN input entries (`< 5`, `[1..5]`, `"a","b"`, `not("a")`, `-`, `? > 3`)."""

    __slots__ = ("_test", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._test = compile_test(_COMPILER, parse_unary_tests(source, FUNCTION_NAMES))

    def test(
        self, input_value: Any, context: Mapping[str, Any] | None = None, clock: Clock | None = None
    ) -> Any:
        """True, False, or None (null) when the test can't decide (e.g. incomparable types)."""
        from engine.feel.convert import to_feel

        env = Env(context if context is not None else _EMPTY)
        value = to_feel(input_value)
        if clock is None:
            return self._test(value, env.child({"?": value}))
        with clock_override(clock):
            return self._test(value, env.child({"?": value}))


@functools.lru_cache(maxsize=4096)
def compile_expression(source: str) -> CompiledExpression:
    """Parse and compile FEEL `source` (without the leading `=`); raises FeelSyntaxError."""
    return CompiledExpression(source)


@functools.lru_cache(maxsize=4096)
def compile_unary_tests(source: str) -> CompiledUnaryTests:
    return CompiledUnaryTests(source)


def evaluate(source: str, context: Mapping[str, Any] | None = None, clock: Clock | None = None) -> Any:
    """Compile (cached) and evaluate `source` against `context`."""
    return compile_expression(source).evaluate(context, clock)


def unary_test(
    source: str, input_value: Any, context: Mapping[str, Any] | None = None, clock: Clock | None = None
) -> Any:
    """Evaluate DMN unary tests `source` against `input_value`: True, False or None."""
    return compile_unary_tests(source).test(input_value, context, clock)
