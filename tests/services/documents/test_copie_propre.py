"""Agents open a clean copy of each piece; the original stays as the applicant sent it, sealed."""

from __future__ import annotations

import hashlib
import io

import httpx
import pytest
from PIL import Image
from pypdf import PdfReader

from services.documents.domain.copie_propre import copie_propre
from tests.services.documents import echantillons
from tests.services.documents.conftest import AGENT_59, DEMANDEUR, DOSSIER_SERVICE, entetes
from tests.services.documents.outils import joindre, sceller

NATIONALITE = "justificatif-nationalite"


def _jpeg_localise() -> bytes:
    """A phone photo: its EXIF says where it was taken (latitude in the GPS block)."""
    image = Image.new("RGB", (40, 30), "navy")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 37.0, 48.0)}
    tampon = io.BytesIO()
    image.save(tampon, "JPEG", exif=exif)
    return tampon.getvalue()


async def _ouvrir(
    client: httpx.AsyncClient, nom: str, contenu: bytes
) -> tuple[httpx.Response, httpx.Response]:
    """The piece as the applicant, then as an agent once the dossier is deposited."""
    [joint] = (
        await joindre(client, DEMANDEUR, NATIONALITE, (nom, contenu, "application/octet-stream"))
    ).json()
    assert (await sceller(client, DOSSIER_SERVICE)).status_code == 200
    url = f"/dossiers/dos-1/fichiers/{joint['id']}?disposition=inline"
    return await client.get(url, headers=entetes(DEMANDEUR)), await client.get(url, headers=entetes(AGENT_59))


@pytest.mark.integration
async def test_l_agent_ouvre_une_image_reencodee_et_l_original_reste_intact(
    client: httpx.AsyncClient,
) -> None:
    original = echantillons.bmp()
    pour_le_demandeur, pour_l_agent = await _ouvrir(client, "scan.bmp", original)
    assert pour_le_demandeur.content == original
    assert pour_l_agent.headers["content-type"] == "image/png"
    assert 'filename="scan.png"' in pour_l_agent.headers["content-disposition"]
    assert int(pour_l_agent.headers["content-length"]) == len(pour_l_agent.content)
    with Image.open(io.BytesIO(pour_l_agent.content)) as copie, Image.open(io.BytesIO(original)) as source:
        assert copie.tobytes() == source.convert("RGB").tobytes()
    pieces = (await client.get("/dossiers/dos-1/pieces", headers=entetes(DEMANDEUR))).json()
    [fichier] = pieces["pieces"][0]["fichiers"]
    assert fichier["sha256"] == hashlib.sha256(original).hexdigest()


@pytest.mark.integration
async def test_la_copie_d_une_photo_perd_ses_metadonnees(client: httpx.AsyncClient) -> None:
    original = _jpeg_localise()
    pour_le_demandeur, pour_l_agent = await _ouvrir(client, "photo.jpg", original)
    assert pour_le_demandeur.content == original
    with Image.open(io.BytesIO(pour_l_agent.content)) as copie:
        assert copie.format == "JPEG" and copie.size == (40, 30)
        assert not copie.getexif()


@pytest.mark.integration
async def test_l_agent_ouvre_un_pdf_reecrit(client: httpx.AsyncClient) -> None:
    original = echantillons.pdf_ouverture_a_la_premiere_page()
    pour_le_demandeur, pour_l_agent = await _ouvrir(client, "bail.pdf", original)
    assert pour_le_demandeur.content == original
    copie = PdfReader(io.BytesIO(pour_l_agent.content))
    assert len(copie.pages) == 1 and "/OpenAction" not in copie.trailer["/Root"]


@pytest.mark.unit
@pytest.mark.parametrize(
    "original",
    [echantillons.pdf_javascript(), echantillons.pdf_lancement(), echantillons.pdf_fichier_joint()],
    ids=["javascript", "lancement", "fichier-joint"],
)
def test_la_copie_d_un_pdf_ne_garde_que_ses_pages(original: bytes) -> None:
    """Files kept before active content was refused are opened clean too."""
    copie = copie_propre("ancien.pdf", original, "application/pdf").contenu
    lu = PdfReader(io.BytesIO(copie))
    assert len(lu.pages) == 1
    assert set(lu.trailer["/Root"]) == {"/Type", "/Pages"}
    for motif in (b"JavaScript", b"Launch", b"EmbeddedFile", b"facture"):
        assert motif not in copie


@pytest.mark.unit
def test_un_tiff_de_plusieurs_pages_devient_un_pdf_de_plusieurs_pages() -> None:
    tampon = io.BytesIO()
    pages = [Image.new("RGB", (30, 40), couleur) for couleur in ("white", "red", "blue")]
    pages[0].save(tampon, "TIFF", save_all=True, append_images=pages[1:])
    copie = copie_propre("scan.tiff", tampon.getvalue(), "image/tiff")
    assert copie.format.nom == "PDF" and copie.nom("scan.tiff") == "scan.pdf"
    assert len(PdfReader(io.BytesIO(copie.contenu)).pages) == 3
