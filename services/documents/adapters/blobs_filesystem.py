"""FilesystemBlobStore: contents under a directory, one file per sha256, written atomically."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from services.documents.domain.ports import BlobNotFound

CHUNK_SIZE = 256 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class FilesystemBlobStore:
    """`<root>/ab/cd/abcd…` for sha256 `abcd…`: no directory grows too large."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError("empreinte sha256 invalide")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    async def put(self, sha256: str, content: bytes) -> None:
        await asyncio.to_thread(self._write, sha256, content)

    def _write(self, sha256: str, content: bytes) -> None:
        target = self.path(sha256)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)  # atomic: readers see nothing or everything
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    async def read(self, sha256: str) -> AsyncIterator[bytes]:
        try:
            file = await asyncio.to_thread(self.path(sha256).open, "rb")
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None
        try:
            while chunk := await asyncio.to_thread(file.read, CHUNK_SIZE):
                yield chunk
        finally:
            file.close()

    async def exists(self, sha256: str) -> bool:
        return await asyncio.to_thread(self.path(sha256).exists)

    async def delete(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            await asyncio.to_thread(self.path(sha256).unlink)
