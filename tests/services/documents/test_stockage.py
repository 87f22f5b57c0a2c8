"""The `StockageFichiers` adapters: a directory (default) and a NATS JetStream Object Store."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from plumbing.messaging import connect_nats
from services.documents.domain.stockage import ContenuIntrouvable, StockageFichiers
from services.documents.stockage.nats_object_store import StockageObjectStoreNats
from services.documents.stockage.systeme_fichiers import StockageSystemeFichiers

GROS = bytes(range(256)) * 4096 * 3  # 3 Mio: several chunks


async def lire(stockage: StockageFichiers, sha256: str) -> bytes:
    return b"".join([bloc async for bloc in stockage.lire(sha256)])


def fichiers_sous(racine: Path) -> list[str]:
    return [p.relative_to(racine).as_posix() for p in racine.rglob("*") if p.is_file()]


async def verifier_contrat(stockage: StockageFichiers) -> None:
    sha256 = hashlib.sha256(GROS).hexdigest()
    assert not await stockage.existe(sha256)
    await stockage.enregistrer(sha256, GROS)
    await stockage.enregistrer(sha256, GROS)  # the same content twice is harmless
    assert await stockage.existe(sha256)
    assert await lire(stockage, sha256) == GROS
    await stockage.supprimer(sha256)
    await stockage.supprimer(sha256)
    assert not await stockage.existe(sha256)
    with pytest.raises(ContenuIntrouvable):
        await lire(stockage, sha256)


@pytest.mark.unit
async def test_le_repertoire_respecte_le_contrat(tmp_path: Path) -> None:
    await verifier_contrat(StockageSystemeFichiers(tmp_path))


@pytest.mark.unit
async def test_le_repertoire_range_par_empreinte_sans_fichier_temporaire(tmp_path: Path) -> None:
    stockage = StockageSystemeFichiers(tmp_path)
    sha256 = hashlib.sha256(b"contenu").hexdigest()
    await stockage.enregistrer(sha256, b"contenu")
    assert sorted(fichiers_sous(tmp_path)) == [f"{sha256[:2]}/{sha256[2:4]}/{sha256}"]
    with pytest.raises(ValueError):
        stockage.chemin("../../etc/passwd")


@pytest.fixture
async def object_store(nats_url: str) -> AsyncIterator[StockageObjectStoreNats]:
    client = await connect_nats(nats_url, "test-documents")
    yield StockageObjectStoreNats(client.jetstream(), bucket=f"documents-{uuid.uuid4().hex[:8]}")
    await client.close()


@pytest.mark.integration
async def test_l_object_store_nats_respecte_le_contrat(object_store: StockageObjectStoreNats) -> None:
    await verifier_contrat(object_store)


@pytest.mark.integration
async def test_l_object_store_nats_garde_les_contenus_entre_deux_connexions(nats_url: str) -> None:
    bucket, sha256 = f"documents-{uuid.uuid4().hex[:8]}", hashlib.sha256(b"pdf").hexdigest()
    premier = await connect_nats(nats_url, "premier")
    await StockageObjectStoreNats(premier.jetstream(), bucket).enregistrer(sha256, b"pdf")
    await premier.close()
    second = await connect_nats(nats_url, "second")
    try:
        assert await lire(StockageObjectStoreNats(second.jetstream(), bucket), sha256) == b"pdf"
    finally:
        await second.close()
