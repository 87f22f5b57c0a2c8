"""Variables documents as clients send them: a JSON object, or nothing."""

from __future__ import annotations

import json
from typing import Any

from engine.errors import InvalidArgument


def parse_variables(text: str | None, what: str = "variables") -> dict[str, Any]:
    if text is None or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as error:
        raise InvalidArgument(
            f"Property '{what}' is invalid: expected a JSON document, but {error}"
        ) from error
    return require_object(value, what)


def require_object(value: Any, what: str = "variables") -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        kind = "ARRAY" if isinstance(value, list) else type(value).__name__.upper()
        raise InvalidArgument(
            f"Property '{what}' is invalid: Expected document to be a root level object, but was '{kind}'"
        )
    return value
