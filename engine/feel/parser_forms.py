"""Parsing of bracketed forms: calls, function definitions, lists, ranges and contexts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.feel import ast as a

if TYPE_CHECKING:
    from engine.feel.parser import Parser


def call(p: Parser, callee: a.Node) -> a.Node:
    p.expect_op("(")
    if p.tok.is_op(")"):
        p.advance()
        return a.Call(callee, ())
    if p.names.at_named_argument():
        named: list[tuple[str, a.Node]] = []
        while True:
            key = p.names.argument_name()
            p.expect_op(":")
            named.append((key, p.expression()))
            if not p.tok.is_op(","):
                break
            p.advance()
        p.expect_op(")")
        return a.Call(callee, (), tuple(named))
    args = [p.expression()]
    while p.tok.is_op(","):
        p.advance()
        args.append(p.expression())
    p.expect_op(")")
    return a.Call(callee, tuple(args))


def function_definition(p: Parser) -> a.Node:
    p.advance()
    p.expect_op("(")
    params: list[str] = []
    while not p.tok.is_op(")"):
        params.append(p.names.argument_name())
        if not p.tok.is_op(","):
            break
        p.advance()
    p.expect_op(")")
    with p.names.scope(params):
        return a.FunctionDefinition(tuple(params), p.expression())


def list_or_range(p: Parser) -> a.Node:
    p.advance()
    if p.tok.is_op("]"):
        p.advance()
        return a.ListLiteral(())
    first = p.expression()
    if p.tok.is_op(".."):
        return range_rest(p, first, start_included=True)
    items = [first]
    while p.tok.is_op(","):
        p.advance()
        items.append(p.expression())
    p.expect_op("]")
    return a.ListLiteral(tuple(items))


def range_rest(p: Parser, start: a.Node, start_included: bool) -> a.Node:
    p.expect_op("..")
    end = p.additive()
    tok = p.tok
    if not tok.is_op("]", ")", "["):
        raise p.error("expected ']', ')' or '[' to close the range")
    p.advance()
    return a.RangeLiteral(start, end, start_included, tok.value == "]")


def context(p: Parser) -> a.Node:
    p.advance()
    entries: list[tuple[str, a.Node]] = []
    keys: list[str] = []
    with p.names.scope(keys):
        while not p.tok.is_op("}"):
            key = p.names.context_key()
            p.expect_op(":")
            entries.append((key, p.expression()))
            keys.append(key)
            if not p.tok.is_op(","):
                break
            p.advance()
    p.expect_op("}")
    return a.ContextLiteral(tuple(entries))
