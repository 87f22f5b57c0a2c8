"""Turns the syntax tree into nested closures `fn(env) -> value`, so evaluation walks no tree."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from engine.feel import ast as a
from engine.feel import operators as op
from engine.feel.datatypes import FeelFunction, type_name
from engine.feel.env import MISSING, Env
from engine.feel.errors import FeelEvaluationError
from engine.feel.functions import call
from engine.feel.iteration import compile_for, compile_quantified, iteration_source
from engine.feel.paths import filter_list, get_path
from engine.feel.unary import and3, compile_range, compile_test, or3

Evaluator = Callable[[Env], Any]

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": op.add,
    "-": op.subtract,
    "*": op.multiply,
    "/": op.divide,
    "**": op.power,
    "=": op.equals,
    "<": op.less,
    "<=": op.less_eq,
    ">": op.greater,
    ">=": op.greater_eq,
}
_TYPE_ALIASES = {
    "date time": "date and time",
    "year-month-duration": "years and months duration",
    "day-time-duration": "days and time duration",
}


def _not_equal(x: Any, y: Any) -> bool | None:
    result = op.equals(x, y)
    return None if result is None else not result


_BINARY["!="] = _not_equal


def _get_variable(env: Env, name: str) -> Any:
    return env.get(name)


class Compiler:
    def __init__(self, builtins: Mapping[str, tuple[FeelFunction, ...]]) -> None:
        self.builtins = builtins

    def compile(self, node: a.Node) -> Evaluator:
        method: Callable[[Any], Evaluator] = getattr(self, "_" + type(node).__name__)
        return method(node)

    def _Literal(self, node: a.Literal) -> Evaluator:
        value = node.value
        return lambda env: value

    def _Name(self, node: a.Name) -> Evaluator:
        name = node.name
        return lambda env: env.lookup(name)

    def _InputValue(self, node: a.InputValue) -> Evaluator:
        def input_value(env: Env) -> Any:
            value = env.get("?")
            if value is MISSING:
                raise FeelEvaluationError(
                    "No input value available. '?' can only be used inside a unary test."
                )
            return value

        return input_value

    def _Path(self, node: a.Path) -> Evaluator:
        base, name = self.compile(node.base), node.name
        return lambda env: get_path(base(env), name)

    def _Filter(self, node: a.Filter) -> Evaluator:
        base, condition = self.compile(node.base), self.compile(node.condition)
        literal = node.condition.value if isinstance(node.condition, a.Literal) else None
        index = literal if isinstance(literal, Decimal) else None
        return lambda env: filter_list(base(env), condition, index, env)

    def _Call(self, node: a.Call) -> Evaluator:
        callee = node.callee
        target: Evaluator
        if isinstance(callee, a.Name):
            name = callee.name
            overloads = self.builtins.get(name)
            target = functools.partial(_get_variable, name=name)
        else:
            overloads = None
            target = self.compile(callee)
        if node.named is not None:
            keys = [key for key, _ in node.named]
            values = [self.compile(value) for _, value in node.named]
            return lambda env: call(
                target(env), overloads, None, {k: v(env) for k, v in zip(keys, values, strict=True)}
            )
        args = [self.compile(arg) for arg in node.args]
        return lambda env: call(target(env), overloads, [f(env) for f in args], None)

    def _Binary(self, node: a.Binary) -> Evaluator:
        fn, left, right = _BINARY[node.op], self.compile(node.left), self.compile(node.right)
        if isinstance(node.right, a.Literal):
            constant = node.right.value
            return lambda env: fn(left(env), constant)
        return lambda env: fn(left(env), right(env))

    def _Negate(self, node: a.Negate) -> Evaluator:
        operand = self.compile(node.operand)
        return lambda env: op.negate(operand(env))

    def _And(self, node: a.And) -> Evaluator:
        left, right = self.compile(node.left), self.compile(node.right)
        return lambda env: and3(left(env), lambda: right(env))

    def _Or(self, node: a.Or) -> Evaluator:
        left, right = self.compile(node.left), self.compile(node.right)
        return lambda env: or3(left(env), lambda: right(env))

    def _Between(self, node: a.Between) -> Evaluator:
        value, low, high = self.compile(node.value), self.compile(node.low), self.compile(node.high)

        def between(env: Env) -> Any:
            x = value(env)
            return and3(op.greater_eq(x, low(env)), lambda: op.less_eq(x, high(env)))

        return between

    def _In(self, node: a.In) -> Evaluator:
        value, test = self.compile(node.value), compile_test(self, node.test)
        return lambda env: test(value(env), env)

    def _InstanceOf(self, node: a.InstanceOf) -> Evaluator:
        value = self.compile(node.value)
        wanted = _TYPE_ALIASES.get(node.type_name, node.type_name)
        if wanted == "Any":
            return lambda env: value(env) is not None
        return lambda env: type_name(value(env)) == wanted

    def _If(self, node: a.If) -> Evaluator:
        condition, then, otherwise = (self.compile(n) for n in (node.condition, node.then, node.otherwise))
        return lambda env: then(env) if condition(env) is True else otherwise(env)

    def _IterationRange(self, node: a.IterationRange) -> Evaluator:
        return iteration_source(self.compile(node.start), self.compile(node.end))

    def _For(self, node: a.For) -> Evaluator:
        iterators = [(name, self.compile(source)) for name, source in node.iterators]
        return compile_for(iterators, self.compile(node.body))

    def _Quantified(self, node: a.Quantified) -> Evaluator:
        iterators = [(name, self.compile(source)) for name, source in node.iterators]
        return compile_quantified(node.every, iterators, self.compile(node.condition))

    def _ListLiteral(self, node: a.ListLiteral) -> Evaluator:
        items = [self.compile(item) for item in node.items]
        return lambda env: [f(env) for f in items]

    def _ContextLiteral(self, node: a.ContextLiteral) -> Evaluator:
        entries = [(key, self.compile(value)) for key, value in node.entries]

        def context(env: Env) -> dict[str, Any]:
            result: dict[str, Any] = {}
            scope = env.child(result)
            for key, value in entries:
                result[key] = value(scope)
            return result

        return context

    def _RangeLiteral(self, node: a.RangeLiteral) -> Evaluator:
        return compile_range(self, node)

    def _FunctionDefinition(self, node: a.FunctionDefinition) -> Evaluator:
        params, body = node.params, self.compile(node.body)

        def define(env: Env) -> FeelFunction:
            return FeelFunction(params, lambda args: body(env.child(dict(zip(params, args, strict=True)))))

        return define

    def _TestExpression(self, node: a.TestExpression) -> Evaluator:
        test = compile_test(self, node.test)

        def implicit_input(env: Env) -> Any:
            value = env.get("?")
            return None if value is MISSING else test(value, env)

        return implicit_input
