"""Every received file goes through a real clamd (INSTREAM) when `DOCUMENTS_CLAMD_ADDRESS` is set.

clamd runs with a one-signature database (EICAR's, see `tests.support.clamd`); without the Debian
package `clamav-daemon` these tests are skipped, saying why.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image, PngImagePlugin

from plumbing.settings import PlatformSettings
from services.documents.domain.antivirus import ANTIVIRUS_INDISPONIBLE
from services.documents.settings import DocumentsSettings
from services.documents.wiring import build_app, build_parts
from tests.services.documents import echantillons
from tests.services.documents.conftest import DEMANDEUR
from tests.services.documents.outils import joindre, pieces
from tests.support.actor_tokens import trust_test_tokens
from tests.support.clamd import EICAR, run_clamd
from tests.support.ports import free_port

NATIONALITE = "justificatif-nationalite"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def clamd() -> Iterator[str]:
    try:
        with run_clamd() as adresse:
            yield adresse
    except RuntimeError as erreur:
        pytest.skip(f"pas d'antivirus réel pour ces tests : {erreur}")


async def _client(adresse: str, tmp_path: Path, base_migree: Path) -> AsyncIterator[httpx.AsyncClient]:
    copie = tmp_path / "documents.db"
    shutil.copyfile(base_migree, copie)
    settings = DocumentsSettings(
        database_url=f"sqlite:///{copie}", repertoire=tmp_path / "fichiers", clamd_address=adresse
    )
    parts = build_parts(settings)
    app = trust_test_tokens(build_app(settings, PlatformSettings(), parts))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://documents"
    ) as client:
        yield client
    parts.engine.dispose()


@pytest.fixture
async def analyse(clamd: str, tmp_path: Path, base_migree: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(clamd, tmp_path, base_migree):
        yield client


def _png_avec(texte: bytes) -> bytes:
    """A valid PNG carrying `texte` in a text chunk: it decodes, only an antivirus finds it."""
    meta = PngImagePlugin.PngInfo()
    meta.add_text("Comment", texte.decode())
    tampon = io.BytesIO()
    Image.new("RGB", (24, 16), "white").save(tampon, "PNG", pnginfo=meta)
    return tampon.getvalue()


@pytest.mark.parametrize(
    ("nom", "contenu"),
    [("attestation.pdf", EICAR), ("photo.png", _png_avec(EICAR))],
    ids=["eicar", "eicar-dans-png"],
)
async def test_le_fichier_de_test_eicar_est_refuse(
    analyse: httpx.AsyncClient, nom: str, contenu: bytes
) -> None:
    reponse = await joindre(analyse, DEMANDEUR, NATIONALITE, (nom, contenu, "application/pdf"))
    assert reponse.status_code == 422
    assert reponse.json()["detail"] == (
        f"Le fichier « {nom} » contient un virus ou un programme malveillant : il est refusé. "
        "Veuillez joindre une copie saine du document, par exemple un nouveau scan."
    )
    assert (await pieces(analyse, DEMANDEUR)).status_code == 404  # nothing kept


async def test_un_fichier_sain_passe_l_antivirus(analyse: httpx.AsyncClient) -> None:
    reponse = await joindre(analyse, DEMANDEUR, NATIONALITE, ("photo.png", echantillons.png(), "image/png"))
    assert reponse.status_code == 201


async def test_sans_reponse_de_l_antivirus_rien_n_est_garde(tmp_path: Path, base_migree: Path) -> None:
    async for client in _client(f"tcp://127.0.0.1:{free_port()}", tmp_path, base_migree):
        reponse = await joindre(
            client, DEMANDEUR, NATIONALITE, ("photo.png", echantillons.png(), "image/png")
        )
        assert reponse.status_code == 503
        assert reponse.json()["detail"] == ANTIVIRUS_INDISPONIBLE
        assert (await pieces(client, DEMANDEUR)).status_code == 404
