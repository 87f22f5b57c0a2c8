"""The `BlobStore` adapters: a directory (default) and a NATS JetStream Object Store."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from plumbing.messaging import connect_nats
from services.documents.adapters.blobs_filesystem import FilesystemBlobStore
from services.documents.adapters.blobs_nats import NatsBlobStore
from services.documents.domain.ports import BlobNotFound, BlobStore

GROS = bytes(range(256)) * 4096 * 3  # 3 Mio: several chunks


async def lire(stockage: BlobStore, sha256: str) -> bytes:
    return b"".join([bloc async for bloc in stockage.read(sha256)])


def fichiers_sous(racine: Path) -> list[str]:
    return [p.relative_to(racine).as_posix() for p in racine.rglob("*") if p.is_file()]


async def verifier_contrat(stockage: BlobStore) -> None:
    sha256 = hashlib.sha256(GROS).hexdigest()
    assert not await stockage.exists(sha256)
    await stockage.put(sha256, GROS)
    await stockage.put(sha256, GROS)  # the same content twice is harmless
    assert await stockage.exists(sha256)
    assert await lire(stockage, sha256) == GROS
    await stockage.delete(sha256)
    await stockage.delete(sha256)
    assert not await stockage.exists(sha256)
    with pytest.raises(BlobNotFound):
        await lire(stockage, sha256)


@pytest.mark.unit
async def test_le_repertoire_respecte_le_contrat(tmp_path: Path) -> None:
    await verifier_contrat(FilesystemBlobStore(tmp_path))


@pytest.mark.unit
async def test_le_repertoire_range_par_empreinte_sans_fichier_temporaire(tmp_path: Path) -> None:
    stockage = FilesystemBlobStore(tmp_path)
    sha256 = hashlib.sha256(b"contenu").hexdigest()
    await stockage.put(sha256, b"contenu")
    assert sorted(fichiers_sous(tmp_path)) == [f"{sha256[:2]}/{sha256[2:4]}/{sha256}"]
    with pytest.raises(ValueError):
        stockage.path("../../etc/passwd")


@pytest.fixture
async def object_store(nats_url: str) -> AsyncIterator[NatsBlobStore]:
    client = await connect_nats(nats_url, "test-documents")
    yield NatsBlobStore(client.jetstream(), bucket=f"documents-{uuid.uuid4().hex[:8]}")
    await client.close()


@pytest.mark.integration
async def test_l_object_store_nats_respecte_le_contrat(object_store: NatsBlobStore) -> None:
    await verifier_contrat(object_store)


@pytest.mark.integration
async def test_l_object_store_nats_garde_les_contenus_entre_deux_connexions(nats_url: str) -> None:
    bucket, sha256 = f"documents-{uuid.uuid4().hex[:8]}", hashlib.sha256(b"pdf").hexdigest()
    premier = await connect_nats(nats_url, "premier")
    await NatsBlobStore(premier.jetstream(), bucket).put(sha256, b"pdf")
    await premier.close()
    second = await connect_nats(nats_url, "second")
    try:
        assert await lire(NatsBlobStore(second.jetstream(), bucket), sha256) == b"pdf"
    finally:
        await second.close()
