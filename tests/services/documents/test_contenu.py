"""Files are judged by their content, never by their name or declared type."""

from __future__ import annotations

import hashlib

import pytest
from PIL import ImageFile

from services.documents.domain.contenu import PDF, analyser_fichier, nom_affichable
from services.documents.domain.erreurs import FichierIllisible, FichierTropVolumineux, FormatRefuse
from tests.services.documents import echantillons

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("contenu", "type_media"),
    [
        (echantillons.jpg(), "image/jpeg"),
        (echantillons.png(), "image/png"),
        (echantillons.pdf(), "application/pdf"),
        (echantillons.tiff(), "image/tiff"),
        (echantillons.bmp(), "image/bmp"),
    ],
)
def test_les_cinq_formats_du_guide_sont_acceptes(contenu: bytes, type_media: str) -> None:
    analyse = analyser_fichier("justificatif", contenu)
    assert analyse.format.type_media == type_media
    assert analyse.taille == len(contenu)
    assert analyse.sha256 == hashlib.sha256(contenu).hexdigest()


def test_un_programme_renomme_en_pdf_est_refuse() -> None:
    with pytest.raises(FormatRefuse) as erreur:
        analyser_fichier("passeport.pdf", echantillons.exe())
    assert erreur.value.message == (
        "Le fichier « passeport.pdf » n'est pas dans un format accepté : "
        "seuls les formats JPG, PNG, PDF, TIFF et BMP sont acceptés."
    )


def test_un_gif_est_refuse_meme_nomme_png() -> None:
    with pytest.raises(FormatRefuse):
        analyser_fichier("photo.png", echantillons.image("GIF"))


def test_un_png_tronque_est_refuse_comme_illisible() -> None:
    with pytest.raises(FichierIllisible) as erreur:
        analyser_fichier("234.PNG", echantillons.png_corrompu())
    assert "« 234.PNG » est endommagé ou illisible" in erreur.value.message


def test_un_png_tronque_est_refuse_meme_quand_pillow_est_rendu_permissif(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeasyPrint sets `ImageFile.LOAD_TRUNCATED_IMAGES` at import, for the whole process."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(FichierIllisible):
        analyser_fichier("234.PNG", echantillons.png_corrompu())
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # given back as it was


def test_un_pdf_sans_pages_lisibles_est_refuse() -> None:
    with pytest.raises(FichierIllisible):
        analyser_fichier("bail.pdf", echantillons.pdf_corrompu())


def test_un_pdf_protege_par_mot_de_passe_est_refuse() -> None:
    with pytest.raises(FichierIllisible) as erreur:
        analyser_fichier("bail.pdf", echantillons.pdf(mot_de_passe="secret"))
    assert "protégé par un mot de passe" in erreur.value.message


def test_plus_de_10_mo_est_refuse() -> None:
    with pytest.raises(FichierTropVolumineux) as erreur:
        analyser_fichier("scan.png", echantillons.trop_gros(11))
    assert erreur.value.message == "Le fichier « scan.png » dépasse la taille maximale de 10 Mo."


def test_un_fichier_vide_est_refuse() -> None:
    with pytest.raises(FichierIllisible, match="est vide"):
        analyser_fichier("vide.pdf", b"")


def test_le_nom_prend_l_extension_du_contenu() -> None:
    assert analyser_fichier("scan.pdf", echantillons.png()).nom_fichier == "scan.png"
    assert analyser_fichier("234.PNG", echantillons.png()).nom_fichier == "234.PNG"
    assert analyser_fichier("photo.jpeg", echantillons.jpg()).nom_fichier == "photo.jpeg"
    assert analyser_fichier(None, echantillons.pdf()).nom_fichier == "document.pdf"


def test_seul_le_pdf_est_accepte_pour_un_document_genere() -> None:
    with pytest.raises(FormatRefuse, match="seul le format PDF est accepté"):
        analyser_fichier("attestation.pdf", echantillons.png(), formats=(PDF,))


def test_le_nom_affiche_perd_chemins_et_caracteres_de_controle() -> None:
    assert nom_affichable("C:\\Users\\moi\\passeport.pdf") == "passeport.pdf"
    assert nom_affichable("../../etc/passwd") == "passwd"
    assert nom_affichable('a"b\x00c\n.pdf') == "abc.pdf"
    assert nom_affichable("   ") == "document"
