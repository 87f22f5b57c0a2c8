"""The port behind which file contents are kept, addressed by their sha256."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol


class ContenuIntrouvable(Exception):
    """No content under this sha256 (lost or never written)."""


class StockageFichiers(Protocol):
    """Content-addressed storage: writing the same content twice is harmless."""

    async def enregistrer(self, sha256: str, contenu: bytes) -> None:
        """Keep `contenu` under `sha256` (its digest), atomically: readers never see half a file."""

    def lire(self, sha256: str) -> AsyncIterator[bytes]:
        """The content in chunks; raises `ContenuIntrouvable` when there is none."""
        ...

    async def existe(self, sha256: str) -> bool: ...

    async def supprimer(self, sha256: str) -> None:
        """Forget the content (nothing happens when there is none)."""
