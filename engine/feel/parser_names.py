"""Names that span several words (`string length`, `date and time`, `first name` of a context).

FEEL-scala accepts a multi-word name only where a fixed character follows: before `(` (function
names), before `:` (context keys and named arguments) and in parameter lists; variables with
spaces need backticks. On top of that, names bound in an enclosing context literal, function or
iteration are matched greedily, as the DMN specification asks.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from engine.feel.lexer import NAME, QUOTED_NAME, STRING

if TYPE_CHECKING:
    from engine.feel.parser import Parser

RESERVED = frozenset(
    {"null", "true", "false", "function", "in", "return", "then", "else", "satisfies", "and", "or"}
)
_KEYWORDS = RESERVED | {"between", "instance", "of", "if", "for", "some", "every", "not"}
_CONTEXT_KEY_STOP = frozenset({"{", "}", ",", "[", "]"})
_MAX_WORDS = 6


class NameResolver:
    def __init__(self, parser: Parser, functions: Collection[str]) -> None:
        self.parser = parser
        self.functions = functions
        self.scopes: list[Collection[str]] = []

    @contextmanager
    def scope(self, names: Collection[str]) -> Iterator[None]:
        """Names bound while parsing a nested part; `names` may grow (context keys)."""
        self.scopes.append(names)
        try:
            yield
        finally:
            self.scopes.pop()

    def in_scope(self, name: str) -> bool:
        return any(name in names for names in self.scopes)

    def _word_run(self) -> list[str]:
        tokens, i = self.parser.tokens, self.parser.i
        words: list[str] = []
        while tokens[i].kind == NAME and len(words) < _MAX_WORDS:
            words.append(tokens[i].value)
            i += 1
        return words

    def resolve(self) -> tuple[str, bool]:
        """Consume a (possibly multi-word) name; True when it is the name of a call."""
        parser = self.parser
        words = self._word_run()
        for count in range(len(words), 1, -1):
            candidate = " ".join(words[:count])
            followed_by_paren = parser.peek(count).is_op("(")
            if followed_by_paren and (candidate in self.functions or self.in_scope(candidate)):
                parser.i += count
                return candidate, True
            if self.in_scope(candidate):
                parser.i += count
                return candidate, False
        if len(words) > 1 and parser.peek(len(words)).is_op("(") and not _KEYWORDS.intersection(words):
            # FEEL-scala reads any run of words before `(` as a function name
            parser.i += len(words)
            return " ".join(words), True
        word = words[0]
        is_call = parser.peek().is_op("(")
        if word in RESERVED and not (is_call and word in ("and", "or")):
            raise parser.error(f"unexpected keyword '{word}'")
        parser.advance()
        return word, is_call

    def property_name(self) -> str:
        parser = self.parser
        tok = parser.tok
        if tok.is_word("time") and parser.peek().is_word("offset"):
            parser.i += 2
            return "time offset"
        if tok.kind not in (NAME, QUOTED_NAME):
            raise parser.error("expected a name after '.'")
        words = self._word_run()
        for count in range(len(words), 1, -1):
            candidate = " ".join(words[:count])
            if self.in_scope(candidate):
                parser.i += count
                return candidate
        return parser.advance().value

    def at_named_argument(self) -> bool:
        parser = self.parser
        if parser.tok.kind == QUOTED_NAME:
            return parser.peek().is_op(":")
        words = self._word_run()
        return bool(words) and parser.peek(len(words)).is_op(":")

    def argument_name(self) -> str:
        """A parameter name: words up to `,`, `:` or `)`, or a backtick-quoted name."""
        parser = self.parser
        if parser.tok.kind == QUOTED_NAME:
            return parser.advance().value
        words = self._word_run()
        if not words:
            raise parser.error("expected a parameter name")
        parser.i += len(words)
        return " ".join(words)

    def context_key(self) -> str:
        """A context key: a string, a backtick name, or any text up to the `:`."""
        parser = self.parser
        tok = parser.tok
        if tok.kind in (STRING, QUOTED_NAME) and parser.peek().is_op(":"):
            parser.advance()
            return tok.value
        start, j = tok.pos, parser.i
        while not parser.tokens[j].is_op(":"):
            current = parser.tokens[j]
            if current.kind in ("eof", STRING) or (
                current.kind == "op" and current.value in _CONTEXT_KEY_STOP
            ):
                raise parser.error("expected a context key followed by ':'", current)
            j += 1
        if j == parser.i:
            raise parser.error("expected a context key")
        key = parser.source[start : parser.tokens[j].pos].strip()
        parser.i = j
        return key
