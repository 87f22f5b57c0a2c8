"""Recursive-descent (precedence-climbing) parser of FEEL, following FEEL-scala's grammar levels.

Levels, lowest first: if/for/some/every; or; and; comparison (= != < <= > >= between in
instance of, not chainable); + -; * /; ** (left-associative); unary minus; postfix (path, filter,
call); primary.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from engine.feel import ast as a
from engine.feel import parser_forms as forms
from engine.feel.errors import FeelSyntaxError
from engine.feel.lexer import EOF, NAME, NUMBER, QUOTED_NAME, STRING, Token, tokenize
from engine.feel.parser_names import NameResolver
from engine.feel.temporal import parse_temporal

_COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
_TYPE_NAMES = ("years and months duration", "days and time duration", "date and time")


class Parser:
    def __init__(self, source: str, functions: Collection[str]) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.i = 0
        self.names = NameResolver(self, functions)

    # ------------------------------------------------------------ token helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.i + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.i]
        self.i = min(self.i + 1, len(self.tokens) - 1)
        return token

    def error(self, message: str, token: Token | None = None) -> FeelSyntaxError:
        token = token or self.tok
        found = "end of input" if token.kind == EOF else repr(self.source[token.pos : token.end])
        return FeelSyntaxError(f"{message}, found {found}", token.pos)

    def expect_op(self, op: str) -> Token:
        if not self.tok.is_op(op):
            raise self.error(f"expected '{op}'")
        return self.advance()

    def expect_word(self, word: str) -> Token:
        if not self.tok.is_word(word):
            raise self.error(f"expected '{word}'")
        return self.advance()

    def expect_end(self) -> None:
        if self.tok.kind != EOF:
            raise self.error("unexpected token")

    # ------------------------------------------------------------ entry points
    def parse_expression_source(self) -> a.Node:
        if self.tok.kind == EOF:
            raise self.error("empty expression")
        node = self.expression()
        self.expect_end()
        return node

    def parse_unary_tests_source(self) -> a.UnaryTest:
        tok = self.tok
        if tok.kind == EOF or (tok.is_op("-") and self.peek().kind == EOF):
            self.advance()
            return a.AnyInput()
        if tok.kind == NAME and tok.value in ("true", "false") and self.peek().kind == EOF:
            self.advance()
            return a.InputComparison("=", a.Literal(tok.value == "true"))
        if tok.is_word("not") and self.peek().is_op("(") and self._closing_paren_is_last(self.i + 1):
            self.advance()
            self.advance()
            tests = self.positive_tests(")")
            self.expect_op(")")
            self.expect_end()
            return a.NoneOf(tests)
        tests = self.positive_tests(None)
        self.expect_end()
        return tests[0] if len(tests) == 1 else a.AnyOf(tests)

    def _closing_paren_is_last(self, open_index: int) -> bool:
        depth = 0
        for j in range(open_index, len(self.tokens)):
            tok = self.tokens[j]
            if tok.is_op("(", "[", "{"):
                depth += 1
            elif tok.is_op(")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return self.tokens[j + 1].kind == EOF
        return False

    def positive_tests(self, closing: str | None) -> tuple[a.UnaryTest, ...]:
        tests = [self.positive_test()]
        while self.tok.is_op(","):
            self.advance()
            tests.append(self.positive_test())
        return tuple(tests)

    def positive_test(self, arithmetic_only: bool = False) -> a.UnaryTest:
        if self.tok.is_op("<", "<=", ">", ">="):
            op = self.advance().value
            return a.InputComparison(op, self.additive())
        expression = self.additive() if arithmetic_only else self.expression()
        if isinstance(expression, a.RangeLiteral):
            return a.InputInRange(expression)
        return a.InputMatches(expression)

    # ------------------------------------------------------------ expressions
    def expression(self) -> a.Node:
        tok = self.tok
        if tok.kind == NAME:
            if tok.value == "if":
                return self.if_expression()
            if tok.value in ("for", "some", "every") and self._starts_iteration():
                return self.iteration()
        return self.disjunction()

    def _starts_iteration(self) -> bool:
        nxt = self.peek()
        return nxt.kind in (NAME, QUOTED_NAME) and self.peek(2).is_word("in")

    def if_expression(self) -> a.Node:
        self.advance()
        condition = self.expression()
        self.expect_word("then")
        then = self.expression()
        self.expect_word("else")
        return a.If(condition, then, self.expression())

    def iteration(self) -> a.Node:
        keyword = self.advance().value
        iterators: list[tuple[str, a.Node]] = []
        while True:
            name = self.advance().value
            self.expect_word("in")
            source = self.additive()
            if self.tok.is_op(".."):
                self.advance()
                source = a.IterationRange(source, self.additive())
            iterators.append((name, source))
            if not self.tok.is_op(","):
                break
            self.advance()
        scope = [name for name, _ in iterators] + (["partial"] if keyword == "for" else [])
        with self.names.scope(scope):
            if keyword == "for":
                self.expect_word("return")
                return a.For(tuple(iterators), self.expression())
            self.expect_word("satisfies")
            return a.Quantified(keyword == "every", tuple(iterators), self.expression())

    def disjunction(self) -> a.Node:
        node = self.conjunction()
        while self.tok.is_word("or"):
            self.advance()
            node = a.Or(node, self.conjunction())
        return node

    def conjunction(self) -> a.Node:
        node = self.comparison()
        while self.tok.is_word("and"):
            self.advance()
            node = a.And(node, self.comparison())
        return node

    def comparison(self) -> a.Node:
        if self.tok.is_op("<", "<=", ">", ">="):
            return a.TestExpression(self.positive_test(arithmetic_only=True))
        left = self.additive()
        tok = self.tok
        if tok.kind == "op" and tok.value in _COMPARISONS:
            self.advance()
            return a.Binary(tok.value, left, self.additive())
        if tok.is_word("between"):
            self.advance()
            low = self.additive()
            self.expect_word("and")
            return a.Between(left, low, self.additive())
        if tok.is_word("in"):
            self.advance()
            return a.In(left, self.in_tests())
        if tok.is_word("instance") and self.peek().is_word("of"):
            self.advance()
            self.advance()
            return a.InstanceOf(left, self.type_name())
        return left

    def in_tests(self) -> a.UnaryTest:
        if not self.tok.is_op("("):
            return self.positive_test(arithmetic_only=True)
        start = self.i
        self.advance()
        first = self.positive_test()
        if self.tok.is_op("..") and isinstance(first, a.InputMatches):
            self.i = start
            return self.positive_test(arithmetic_only=True)
        tests = [first]
        while self.tok.is_op(","):
            self.advance()
            tests.append(self.positive_test())
        self.expect_op(")")
        return tests[0] if len(tests) == 1 else a.AnyOf(tuple(tests))

    def type_name(self) -> str:
        for name in _TYPE_NAMES:
            words = name.split(" ")
            if all(self.peek(k).is_word(w) for k, w in enumerate(words)):
                self.i += len(words)
                return name
        if self.tok.kind not in (NAME, QUOTED_NAME):
            raise self.error("expected a type name")
        parts = [self.advance().value]
        while self.tok.is_op(".") and self.peek().kind == NAME:
            self.advance()
            parts.append(self.advance().value)
        return ".".join(parts)

    def additive(self) -> a.Node:
        node = self.multiplicative()
        while self.tok.is_op("+", "-"):
            op = self.advance().value
            node = a.Binary(op, node, self.multiplicative())
        return node

    def multiplicative(self) -> a.Node:
        node = self.exponent()
        while self.tok.is_op("*", "/"):
            op = self.advance().value
            node = a.Binary(op, node, self.exponent())
        return node

    def exponent(self) -> a.Node:
        node = self.unary()
        while self.tok.is_op("**"):
            self.advance()
            node = a.Binary("**", node, self.unary())
        return node

    def unary(self) -> a.Node:
        if self.tok.is_op("-"):
            self.advance()
            operand = self.unary()
            if isinstance(operand, a.Literal) and isinstance(operand.value, Decimal):
                return a.Literal(-operand.value)
            return a.Negate(operand)
        return self.postfix(self.primary())

    def postfix(self, node: a.Node) -> a.Node:
        while True:
            tok = self.tok
            if tok.is_op("."):
                self.advance()
                node = a.Path(node, self.names.property_name())
            elif tok.is_op("["):
                start = self.i
                try:
                    self.advance()
                    with self.names.scope(["item"]):
                        condition = self.expression()
                    self.expect_op("]")
                except FeelSyntaxError:
                    # not a filter: the `[` closes a range such as `]1..5[`
                    self.i = start
                    return node
                node = a.Filter(node, condition)
            elif tok.is_op("(") and isinstance(node, a.Path):
                node = forms.call(self, node)
            else:
                return node

    # ------------------------------------------------------------ primaries
    def primary(self) -> a.Node:
        tok = self.tok
        kind = tok.kind
        if kind == NUMBER:
            self.advance()
            return a.Literal(Decimal(tok.value))
        if kind == STRING:
            self.advance()
            return a.Literal(tok.value)
        if kind == QUOTED_NAME:
            self.advance()
            return forms.call(self, a.Name(tok.value)) if self.tok.is_op("(") else a.Name(tok.value)
        if kind == NAME:
            return self.name_primary()
        if tok.is_op("@"):
            self.advance()
            if self.tok.kind != STRING:
                raise self.error("expected a string after '@'")
            return a.Literal(parse_temporal(self.advance().value))
        if tok.is_op("?"):
            self.advance()
            return a.InputValue()
        if tok.is_op("("):
            self.advance()
            inner = self.expression()
            if self.tok.is_op(".."):
                return forms.range_rest(self, inner, start_included=False)
            self.expect_op(")")
            return inner
        if tok.is_op("["):
            return forms.list_or_range(self)
        if tok.is_op("]"):
            self.advance()
            return forms.range_rest(self, self.additive(), start_included=False)
        if tok.is_op("{"):
            return forms.context(self)
        raise self.error("expected an expression")

    def name_primary(self) -> a.Node:
        tok = self.tok
        value = tok.value
        if value in ("true", "false"):
            self.advance()
            return a.Literal(value == "true")
        if value == "null":
            self.advance()
            return a.Literal(None)
        if value == "function" and self.peek().is_op("("):
            return forms.function_definition(self)
        name, is_call = self.names.resolve()
        if is_call:
            return forms.call(self, a.Name(name))
        return a.Name(name)


def parse_expression(source: str, functions: Collection[str]) -> a.Node:
    return Parser(source, functions).parse_expression_source()


def parse_unary_tests(source: str, functions: Collection[str]) -> a.UnaryTest:
    return Parser(source, functions).parse_unary_tests_source()
