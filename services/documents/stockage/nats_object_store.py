"""StockageObjectStoreNats: contents in a NATS JetStream Object Store bucket, one object per sha256.

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

from services.documents.domain.stockage import ContenuIntrouvable

TAILLE_BLOC = 256 * 1024


class StockageObjectStoreNats:
    def __init__(self, js: JetStreamContext, bucket: str = "documents") -> None:
        self.js, self.bucket = js, bucket
        self._store: ObjectStore | None = None
        self._verrou = asyncio.Lock()

    async def _magasin(self) -> ObjectStore:
        async with self._verrou:
            if self._store is None:
                try:
                    self._store = await self.js.object_store(self.bucket)
                except (BucketNotFoundError, NotFoundError):
                    config = ObjectStoreConfig(bucket=self.bucket, storage=StorageType.FILE)
                    self._store = await self.js.create_object_store(self.bucket, config=config)
            return self._store

    async def enregistrer(self, sha256: str, contenu: bytes) -> None:
        if not await self.existe(sha256):
            await (await self._magasin()).put(sha256, contenu)

    async def lire(self, sha256: str) -> AsyncIterator[bytes]:
        try:
            resultat = await (await self._magasin()).get(sha256)
        except (ObjectNotFoundError, NotFoundError):
            raise ContenuIntrouvable(sha256) from None
        contenu = resultat.data or b""
        for debut in range(0, len(contenu), TAILLE_BLOC):
            yield contenu[debut : debut + TAILLE_BLOC]

    async def existe(self, sha256: str) -> bool:
        try:
            await (await self._magasin()).get_info(sha256)
        except (ObjectNotFoundError, NotFoundError):
            return False
        return True

    async def supprimer(self, sha256: str) -> None:
        try:
            await (await self._magasin()).delete(sha256)
        except (ObjectNotFoundError, NotFoundError):
            return
