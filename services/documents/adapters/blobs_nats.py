"""NatsBlobStore: contents in a NATS JetStream Object Store bucket, one object per sha256.

For deployments where several machines run the documents service: the bucket is replicated by the
NATS cluster, and an object becomes visible only once all its chunks are stored.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from nats.js import JetStreamContext
from nats.js.api import ObjectStoreConfig, StorageType
from nats.js.errors import BucketNotFoundError, NotFoundError, ObjectNotFoundError
from nats.js.object_store import ObjectStore

from services.documents.domain.ports import BlobNotFound

CHUNK_SIZE = 256 * 1024


class NatsBlobStore:
    """The bucket is created on first use, with file storage."""

    def __init__(self, js: JetStreamContext, bucket: str = "documents") -> None:
        self.js, self.bucket = js, bucket
        self._store: ObjectStore | None = None
        self._lock = asyncio.Lock()

    async def _object_store(self) -> ObjectStore:
        async with self._lock:
            if self._store is None:
                try:
                    self._store = await self.js.object_store(self.bucket)
                except (BucketNotFoundError, NotFoundError):
                    config = ObjectStoreConfig(bucket=self.bucket, storage=StorageType.FILE)
                    self._store = await self.js.create_object_store(self.bucket, config=config)
            return self._store

    async def put(self, sha256: str, content: bytes) -> None:
        if not await self.exists(sha256):
            await (await self._object_store()).put(sha256, content)

    async def read(self, sha256: str) -> AsyncIterator[bytes]:
        try:
            result = await (await self._object_store()).get(sha256)
        except (ObjectNotFoundError, NotFoundError):
            raise BlobNotFound(sha256) from None
        data = result.data or b""
        for start in range(0, len(data), CHUNK_SIZE):
            yield data[start : start + CHUNK_SIZE]

    async def exists(self, sha256: str) -> bool:
        try:
            await (await self._object_store()).get_info(sha256)
        except (ObjectNotFoundError, NotFoundError):
            return False
        return True

    async def delete(self, sha256: str) -> None:
        try:
            await (await self._object_store()).delete(sha256)
        except (ObjectNotFoundError, NotFoundError):
            return
