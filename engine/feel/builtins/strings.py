"""String functions."""

from __future__ import annotations

import base64
import uuid as _uuid
from decimal import Decimal
from typing import Any

from engine.feel.builtins.registry import builtin, fail, integer, string
from engine.feel.regex import compile_java, expand_replacement


def _index(text: str, position: int) -> int:
    index = position - 1 if position > 0 else len(text) + position
    if not 0 <= index <= len(text):
        raise fail("start position out of range")
    return index


@builtin("substring", "string", "start position")
def substring(text: Any, start: Any) -> str:
    return string(text)[_index(text, integer(start)) :]


@builtin("substring", "string", "start position", "length")
def substring_length(text: Any, start: Any, length: Any) -> str:
    begin = _index(string(text), integer(start))
    count = integer(length)
    if count < 0:
        raise fail("negative length")
    return text[begin : begin + count]


@builtin("string length", "string")
def string_length(text: Any) -> Decimal:
    return Decimal(len(string(text)))


@builtin("upper case", "string")
def upper_case(text: Any) -> str:
    return string(text).upper()


@builtin("lower case", "string")
def lower_case(text: Any) -> str:
    return string(text).lower()


@builtin("substring before", "string", "match")
def substring_before(text: Any, match: Any) -> str:
    index = string(text).find(string(match))
    return text[:index] if index > 0 else ""


@builtin("substring after", "string", "match")
def substring_after(text: Any, match: Any) -> str:
    index = string(text).find(string(match))
    return text[index + len(match) :] if index >= 0 else ""


@builtin("contains", "string", "match")
def contains(text: Any, match: Any) -> bool:
    return string(match) in string(text)


@builtin("starts with", "string", "match")
def starts_with(text: Any, match: Any) -> bool:
    return string(text).startswith(string(match))


@builtin("ends with", "string", "match")
def ends_with(text: Any, match: Any) -> bool:
    return string(text).endswith(string(match))


@builtin("matches", "input", "pattern")
def matches(text: Any, pattern: Any) -> bool:
    return compile_java(string(pattern)).search(string(text)) is not None


@builtin("matches", "input", "pattern", "flags")
def matches_flags(text: Any, pattern: Any, flags: Any) -> bool:
    return compile_java(string(pattern), string(flags)).search(string(text)) is not None


@builtin("replace", "input", "pattern", "replacement")
def replace(text: Any, pattern: Any, replacement: Any) -> str:
    return replace_flags(text, pattern, replacement, "")


@builtin("replace", "input", "pattern", "replacement", "flags")
def replace_flags(text: Any, pattern: Any, replacement: Any, flags: Any) -> str:
    regex, template = compile_java(string(pattern), string(flags)), string(replacement)
    return regex.sub(lambda m: expand_replacement(template, m), string(text))


@builtin("split", "string", "delimiter")
def split(text: Any, delimiter: Any) -> list[str]:
    """Java's `Pattern.split(input, -1)`: trailing empty strings kept, no captured groups."""
    text, regex = string(text), compile_java(string(delimiter))
    parts: list[str] = []
    last = 0
    for match in regex.finditer(text):
        if match.end() == 0:
            continue
        parts.append(text[last : match.start()])
        last = match.end()
    parts.append(text[last:])
    return parts


@builtin("extract", "input", "pattern")
def extract(text: Any, pattern: Any) -> list[str]:
    return [m.group(0) for m in compile_java(string(pattern)).finditer(string(text))]


@builtin("trim", "string")
def trim(text: Any) -> str:
    return string(text).strip("".join(chr(c) for c in range(33)))


@builtin("uuid")
def uuid() -> str:
    return str(_uuid.uuid4())


@builtin("to base64", "value")
def to_base64(text: Any) -> str:
    return base64.b64encode(string(text).encode()).decode("ascii")


@builtin("from base64", "value")
def from_base64(text: Any) -> str:
    return base64.b64decode(string(text), validate=True).decode()


@builtin("is blank", "string")
def is_blank(text: Any) -> bool:
    return string(text).strip() == ""
