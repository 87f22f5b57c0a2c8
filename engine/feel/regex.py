"""Java regular expressions (what Camunda's FEEL uses) translated to Python's `re`.

Covered: shorthand classes kept ASCII as in Java (`\\d`, `\\w`, `\\s`), `\\p{...}` classes for
Latin, Greek and Cyrillic letters and ASCII POSIX names (approximations: `re` has no Unicode
properties), `(?<name>...)`, `\\k<name>`, `\\Q...\\E`, `\\z`/`\\Z`, and `$1`/`${name}` in
replacements. Class intersections (`[a-z&&[^b]]`) are not supported and make the pattern invalid.
"""

from __future__ import annotations

import functools
import re

_LOWER = "a-z\u00b5\u00df-\u00f6\u00f8-\u00ff\u0101\u0103\u0105\u0107\u0153\u03ac-\u03ce\u0430-\u045f"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100\u0102\u0104\u0106\u0152\u0386-\u03ab\u0400-\u042f"
_LETTER = "a-zA-Z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f"
_PUNCT = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_PROPERTIES = {
    "L": _LETTER,
    "IsL": _LETTER,
    "IsLetter": _LETTER,
    "IsAlphabetic": _LETTER,
    "Alpha": "a-zA-Z",
    "Lu": _UPPER,
    "IsUppercase": _UPPER,
    "Upper": "A-Z",
    "Ll": _LOWER,
    "IsLowercase": _LOWER,
    "Lower": "a-z",
    "N": "0-9",
    "Nd": "0-9",
    "IsDigit": "0-9",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": _PUNCT,
    "P": _PUNCT,
    "Space": " \\t\\n\\x0b\\f\\r",
    "Z": " \\u00a0\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000",
    "Zs": " \\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000",
    "XDigit": "0-9a-fA-F",
    "ASCII": "\\x00-\\x7f",
}
_SHORTHANDS = {"d": "0-9", "w": "a-zA-Z0-9_", "s": " \\t\\n\\x0b\\f\\r"}
_FLAGS = {"s": re.DOTALL, "m": re.MULTILINE, "i": re.IGNORECASE, "x": re.VERBOSE}


def _property(pattern: str, i: int) -> tuple[str, int]:
    if pattern[i] == "{":
        end = pattern.index("}", i)
        return pattern[i + 1 : end], end + 1
    return pattern[i], i + 1


def translate(pattern: str) -> str:
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            i += 2
            if e == "Q":
                end = pattern.find("\\E", i)
                end = n if end < 0 else end
                out.append(re.escape(pattern[i:end]))
                i = end + 2
            elif e in _SHORTHANDS:
                out.append(_SHORTHANDS[e] if in_class else f"[{_SHORTHANDS[e]}]")
            elif e in "DWS" and not in_class:
                out.append(f"[^{_SHORTHANDS[e.lower()]}]")
            elif e in "pP":
                name, i = _property(pattern, i)
                chars = _PROPERTIES.get(name.removeprefix("Is") if name not in _PROPERTIES else name)
                if chars is None:
                    raise re.error(f"unsupported property {name}")
                if in_class:
                    if e == "P":
                        raise re.error("negated property inside a class")
                    out.append(chars)
                else:
                    out.append(f"[{'^' if e == 'P' else ''}{chars}]")
            elif e == "z":
                out.append(r"\Z")
            elif e == "Z":
                out.append(r"(?=\n?\Z)")
            elif e == "k" and i < n and pattern[i] == "<":
                end = pattern.index(">", i)
                out.append(f"(?P={pattern[i + 1 : end]})")
                i = end + 1
            else:
                out.append("\\" + e)
            continue
        if in_class and c == "&" and pattern.startswith("&&", i):
            raise re.error("class intersections are not supported")
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append(r"\]")
                i += 1
            continue
        if c == "]" and in_class:
            in_class = False
        elif c == "(" and pattern.startswith("(?<", i) and i + 3 < n and pattern[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        out.append(c)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=256)
def compile_java(pattern: str, flags: str = "") -> re.Pattern[str]:
    value = 0
    for flag in flags:
        value |= _FLAGS.get(flag, 0)
    return re.compile(translate(pattern), value)


def expand_replacement(template: str, match: re.Match[str]) -> str:
    """Java's `Matcher.appendReplacement`: `$1`, `${name}`, `\\$` for a literal dollar."""
    out: list[str] = []
    i, n = 0, len(template)
    while i < n:
        c = template[i]
        if c == "\\" and i + 1 < n:
            out.append(template[i + 1])
            i += 2
        elif c == "$" and i + 1 < n and template[i + 1] == "{":
            end = template.index("}", i)
            out.append(match.group(template[i + 2 : end]) or "")
            i = end + 1
        elif c == "$" and i + 1 < n and template[i + 1].isdigit():
            j = i + 2
            # Java takes more digits only while they still name an existing group
            while j < n and template[j].isdigit() and int(template[i + 1 : j + 1]) <= (match.re.groups):
                j += 1
            out.append(match.group(int(template[i + 1 : j])) or "")
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)
