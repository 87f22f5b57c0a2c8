"""Run a synchronous use case in its own transaction, off the event loop, retrying on conflicts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError

from services.dossier.ports import Horloge
from services.dossier.storage.dossiers import ModificationConcurrente
from services.dossier.storage.registres import Stockage

T = TypeVar("T")
TENTATIVES = 3


class Execution:
    def __init__(self, stockage: Stockage, horloge: Horloge) -> None:
        self.stockage, self.horloge = stockage, horloge

    async def __call__(self, cas_usage: Callable[..., T], /, **arguments: Any) -> T:
        return await asyncio.to_thread(self.executer, cas_usage, **arguments)

    def executer(self, cas_usage: Callable[..., T], /, **arguments: Any) -> T:
        """`cas_usage(registres, horloge=..., **arguments)`; a concurrent writer makes it start over."""
        for tentative in range(1, TENTATIVES + 1):
            try:
                with self.stockage.transaction() as registres:
                    return cas_usage(registres, horloge=self.horloge, **arguments)
            except (IntegrityError, ModificationConcurrente):
                if tentative == TENTATIVES:
                    raise
        raise AssertionError("unreachable")
