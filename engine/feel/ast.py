"""Syntax tree of FEEL expressions and unary tests (small frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class Node:
    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Literal(Node):
    value: Any


@dataclass(frozen=True, slots=True)
class Name(Node):
    name: str


@dataclass(frozen=True, slots=True)
class InputValue(Node):
    """The `?` symbol of unary tests."""


@dataclass(frozen=True, slots=True)
class Path(Node):
    base: Node
    name: str


@dataclass(frozen=True, slots=True)
class Filter(Node):
    base: Node
    condition: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    """`name(args)` when `callee` is a Name, else a call of the value `callee` evaluates to."""

    callee: Node
    args: tuple[Node, ...] = ()
    named: tuple[tuple[str, Node], ...] | None = None


@dataclass(frozen=True, slots=True)
class Binary(Node):
    op: str  # + - * / ** = != < <= > >=
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Negate(Node):
    operand: Node


@dataclass(frozen=True, slots=True)
class And(Node):
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Or(Node):
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Between(Node):
    value: Node
    low: Node
    high: Node


@dataclass(frozen=True, slots=True)
class In(Node):
    value: Node
    test: UnaryTest


@dataclass(frozen=True, slots=True)
class InstanceOf(Node):
    value: Node
    type_name: str


@dataclass(frozen=True, slots=True)
class If(Node):
    condition: Node
    then: Node
    otherwise: Node


@dataclass(frozen=True, slots=True)
class IterationRange(Node):
    """`1..10` after `in` of a `for`/`some`/`every` iterator."""

    start: Node
    end: Node


@dataclass(frozen=True, slots=True)
class For(Node):
    iterators: tuple[tuple[str, Node], ...]
    body: Node


@dataclass(frozen=True, slots=True)
class Quantified(Node):
    every: bool
    iterators: tuple[tuple[str, Node], ...]
    condition: Node


@dataclass(frozen=True, slots=True)
class ListLiteral(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class ContextLiteral(Node):
    entries: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class RangeLiteral(Node):
    start: Node
    end: Node
    start_included: bool
    end_included: bool


@dataclass(frozen=True, slots=True)
class FunctionDefinition(Node):
    params: tuple[str, ...]
    body: Node


# ---------------------------------------------------------------- unary tests


class UnaryTest(Node):
    __slots__ = ()


@dataclass(frozen=True, slots=True)
class AnyInput(UnaryTest):
    """`-`"""


@dataclass(frozen=True, slots=True)
class InputComparison(UnaryTest):
    """`< 5`, `>= x`; `=` for a lone boolean test."""

    op: str
    operand: Node


@dataclass(frozen=True, slots=True)
class InputInRange(UnaryTest):
    range: RangeLiteral


@dataclass(frozen=True, slots=True)
class InputMatches(UnaryTest):
    """An expression used as a test: true result, equal value, or list containing the input."""

    expression: Node


@dataclass(frozen=True, slots=True)
class AnyOf(UnaryTest):
    tests: tuple[UnaryTest, ...]


@dataclass(frozen=True, slots=True)
class NoneOf(UnaryTest):
    """`not(...)`"""

    tests: tuple[UnaryTest, ...]


@dataclass(frozen=True, slots=True)
class TestExpression(Node):
    """A unary test used where an expression is expected (`< 5` alone): tests the input value."""

    test: UnaryTest
