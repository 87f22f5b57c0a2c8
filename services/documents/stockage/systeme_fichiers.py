"""StockageSystemeFichiers: contents under a directory, one file per sha256, written atomically."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from services.documents.domain.stockage import ContenuIntrouvable

TAILLE_BLOC = 256 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class StockageSystemeFichiers:
    """`<racine>/ab/cd/abcd…` for sha256 `abcd…`: no directory grows too large."""

    def __init__(self, racine: Path) -> None:
        self.racine = racine

    def chemin(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError("empreinte sha256 invalide")
        return self.racine / sha256[:2] / sha256[2:4] / sha256

    async def enregistrer(self, sha256: str, contenu: bytes) -> None:
        await asyncio.to_thread(self._ecrire, sha256, contenu)

    def _ecrire(self, sha256: str, contenu: bytes) -> None:
        cible = self.chemin(sha256)
        if cible.exists():
            return
        cible.parent.mkdir(parents=True, exist_ok=True)
        descripteur, temporaire = tempfile.mkstemp(dir=cible.parent, prefix=".tmp-")
        try:
            with os.fdopen(descripteur, "wb") as fichier:
                fichier.write(contenu)
                fichier.flush()
                os.fsync(fichier.fileno())
            os.replace(temporaire, cible)  # atomic: readers see nothing or everything
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporaire)
            raise

    async def lire(self, sha256: str) -> AsyncIterator[bytes]:
        try:
            fichier = await asyncio.to_thread(self.chemin(sha256).open, "rb")
        except FileNotFoundError:
            raise ContenuIntrouvable(sha256) from None
        try:
            while bloc := await asyncio.to_thread(fichier.read, TAILLE_BLOC):
                yield bloc
        finally:
            fichier.close()

    async def existe(self, sha256: str) -> bool:
        return await asyncio.to_thread(self.chemin(sha256).exists)

    async def supprimer(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            await asyncio.to_thread(self.chemin(sha256).unlink)
