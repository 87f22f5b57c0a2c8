"""Tokenizer of FEEL source text. Words are single tokens; the parser joins multi-word names."""

from __future__ import annotations

from dataclasses import dataclass

from engine.feel.errors import FeelSyntaxError

NUMBER, STRING, NAME, QUOTED_NAME, OP, EOF = "number", "string", "name", "quoted name", "op", "eof"

_OPERATORS: tuple[str, ...] = ("**", "<=", ">=", "!=", "..", "+", "-", "*", "/", "=", "<", ">")
_OPERATORS += ("(", ")", "[", "]", "{", "}", ",", ":", ".", "?", "@")
_VALUE_END = frozenset({")", "]", "}", "?"})
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "'": "'", '"': '"', "\\": "\\"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    value: str
    pos: int
    end: int
    space_before: bool = False

    def is_op(self, *ops: str) -> bool:
        return self.kind == OP and self.value in ops

    def is_word(self, *words: str) -> bool:
        return self.kind == NAME and self.value in words


def _name_start(c: str) -> bool:
    return c.isalpha() or c in "_$"


def _name_part(c: str) -> bool:
    return c.isalnum() or c in "_$"


def _skip_space(source: str, i: int) -> int:
    n = len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end + 1
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            if end < 0:
                raise FeelSyntaxError("unterminated comment", i)
            i = end + 2
        else:
            break
    return i


def _read_string(source: str, start: int) -> tuple[str, int]:
    out: list[str] = []
    i, n = start + 1, len(source)
    while i < n:
        c = source[i]
        if c == '"':
            return "".join(out), i + 1
        if c == "\\" and i + 1 < n:
            nxt = source[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            width = 4 if nxt == "u" else 6 if nxt == "U" else 0
            digits = source[i + 2 : i + 2 + width]
            if width and len(digits) == width and all(d in "0123456789abcdefABCDEF" for d in digits):
                out.append(chr(int(digits, 16)))
                i += 2 + width
                continue
            out.append(c)  # unknown escapes stay, so "\d" reaches the regex engine intact
            i += 1
            continue
        out.append(c)
        i += 1
    raise FeelSyntaxError("unterminated string literal", start)


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while True:
        j = _skip_space(source, i)
        space = j > i or not tokens
        i = j
        if i >= n:
            tokens.append(Token(EOF, "", n, n, space))
            return tokens
        c = source[i]
        prev_is_value = bool(tokens) and (tokens[-1].kind != OP or tokens[-1].value in _VALUE_END)
        if c.isdigit() or (c == "." and i + 1 < n and source[i + 1].isdigit() and not prev_is_value):
            j = i
            while j < n and source[j].isdigit():
                j += 1
            if j + 1 < n and source[j] == "." and source[j + 1].isdigit():
                j += 1
                while j < n and source[j].isdigit():
                    j += 1
            tokens.append(Token(NUMBER, source[i:j], i, j, space))
        elif c == '"':
            text, j = _read_string(source, i)
            tokens.append(Token(STRING, text, i, j, space))
        elif c == "`":
            j = source.find("`", i + 1)
            if j <= i + 1:
                raise FeelSyntaxError("unterminated or empty backtick name", i)
            tokens.append(Token(QUOTED_NAME, source[i + 1 : j], i, j + 1, space))
            j += 1
        elif _name_start(c):
            j = i + 1
            while j < n and _name_part(source[j]):
                j += 1
            tokens.append(Token(NAME, source[i:j], i, j, space))
        else:
            op = next((o for o in _OPERATORS if source.startswith(o, i)), None)
            if op is None:
                raise FeelSyntaxError(f"unexpected character {c!r}", i)
            j = i + len(op)
            tokens.append(Token(OP, op, i, j, space))
        i = j
