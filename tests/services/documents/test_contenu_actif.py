"""Active content and files that are two formats at once are refused, whatever their name.

Each case is an attack: a script run when an agent opens the piece, a program started from a link,
a web page or an archive hidden in an image that another program would open as such.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from services.documents.domain.contenu import analyser_fichier
from services.documents.domain.erreurs import ContenuActif, ImageTropGrande
from tests.services.documents import echantillons

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("contenu", "raison"),
    [
        (echantillons.pdf_javascript(), "du JavaScript"),
        (echantillons.pdf_ouverture_javascript(), "du JavaScript"),
        (echantillons.pdf_javascript_nom_echappe(), "du JavaScript"),
        (echantillons.pdf_lancement(), "le lancement d'un programme"),
        (echantillons.pdf_fichier_joint(), "des fichiers joints"),
        (
            echantillons.pdf_ouverture(
                echantillons._action("/URI", URI=echantillons.TextStringObject("http://x"))
            ),
            "une action automatique",
        ),
    ],
    ids=[
        "javascript",
        "ouverture-javascript",
        "noms-echappes",
        "lancement",
        "fichier-joint",
        "ouverture-lien",
    ],
)
def test_un_pdf_au_contenu_actif_est_refuse(contenu: bytes, raison: str) -> None:
    with pytest.raises(ContenuActif) as erreur:
        analyser_fichier("avis.pdf", contenu)
    assert erreur.value.message.startswith(f"Le fichier « avis.pdf » contient {raison}")
    assert "refusé par sécurité" in erreur.value.message


def test_un_pdf_qui_s_ouvre_a_sa_premiere_page_est_accepte() -> None:
    """Word processors write `/OpenAction [page /Fit]`: a place to open at, not an action."""
    assert analyser_fichier("bail.pdf", echantillons.pdf_ouverture_a_la_premiere_page()).format.nom == "PDF"


@pytest.mark.parametrize(
    ("nom", "contenu"),
    [
        ("bail.pdf", echantillons.PAGE_WEB + echantillons.pdf()),
        ("bail.pdf", echantillons.SVG + echantillons.pdf()),
        ("photo.png", echantillons.png() + echantillons.archive_zip()),
        ("photo.jpg", echantillons.jpg() + echantillons.PAGE_WEB),
        ("photo.jpg", echantillons.jpg() + echantillons.exe()),
        ("photo.jpg", echantillons.jpg_commente(echantillons.PAGE_WEB)),
        ("bail.pdf", echantillons.pdf() + echantillons.archive_zip()),
        ("scan.bmp", echantillons.bmp() + echantillons.PAGE_WEB),
        ("scan.tiff", echantillons.tiff() + echantillons.SVG),
    ],
    ids=[
        "html-puis-pdf",
        "svg-puis-pdf",
        "png-puis-zip",
        "jpeg-puis-html",
        "jpeg-puis-exe",
        "html-en-commentaire-jpeg",
        "pdf-puis-zip",
        "bmp-puis-html",
        "tiff-puis-svg",
    ],
)
def test_un_fichier_de_deux_formats_a_la_fois_est_refuse(nom: str, contenu: bytes) -> None:
    with pytest.raises(ContenuActif) as erreur:
        analyser_fichier(nom, contenu)
    assert erreur.value.message.startswith(f"Le fichier « {nom} » contient, en plus du document, ")
    assert "refusé par sécurité" in erreur.value.message


def test_une_photo_suivie_de_ses_vignettes_jpeg_est_acceptee() -> None:
    """Phones store extra JPEG pictures after the first one (Multi-Picture Format)."""
    assert analyser_fichier("photo.jpg", echantillons.jpg() + echantillons.jpg()).format.nom == "JPG"


def test_une_image_de_trop_de_pixels_est_refusee_avant_d_etre_decodee() -> None:
    with pytest.raises(ImageTropGrande) as erreur:
        analyser_fichier("scan.png", echantillons.png_geant(9400, 9400))
    assert erreur.value.message == (
        "Le fichier « scan.png » est une image trop grande : 88,4 millions de pixels, "
        "pour 50 millions au maximum. Veuillez joindre une image de plus petite résolution "
        "(un scan à 300 dpi suffit)."
    )


def test_chaque_page_d_un_tiff_est_verifiee() -> None:
    """Only the first page was decoded: a bomb or a broken page could hide behind it."""
    tampon = io.BytesIO()
    Image.new("RGB", (30, 40)).save(
        tampon, "TIFF", save_all=True, append_images=[Image.new("1", (8000, 7000))]
    )
    with pytest.raises(ImageTropGrande, match="56 millions de pixels"):
        analyser_fichier("scan.tiff", tampon.getvalue())
