"""Helpers shared by the FEEL tests: expected values written the way FEEL prints them."""

from __future__ import annotations

from typing import Any

from engine.feel import evaluate, to_json


def feel(source: str, **variables: Any) -> Any:
    """Evaluate and return a JSON-like value (numbers as int/float), handy for comparisons."""
    return to_json(evaluate(source, variables))
