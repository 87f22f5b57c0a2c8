"""Built-in functions of FEEL, one module per family, as Camunda documents them."""

from __future__ import annotations

from engine.feel.builtins import (  # noqa: F401 - importing registers the functions
    booleans,
    contexts,
    conversion,
    lists,
    numbers,
    ranges,
    strings,
    temporal,
)
from engine.feel.builtins.registry import registry

BUILTINS = registry()
FUNCTION_NAMES = frozenset(BUILTINS)

__all__ = ["BUILTINS", "FUNCTION_NAMES"]
