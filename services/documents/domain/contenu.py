"""What a file really is: its signature (magic bytes), then a full decoding of its content.

The name and the declared content type are never trusted: a `.exe` renamed `.pdf` is refused, a
PNG named `scan.pdf` is accepted as a PNG (and its name fixed so that it opens once downloaded).
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypedDict

from contracts.documents import TAILLE_MAX_FICHIER
from services.documents.domain.contenu_actif import (
    verifier_image_seule,
    verifier_pdf_inerte,
    verifier_pdf_seul,
)
from services.documents.domain.erreurs import (
    ErreurDocuments,
    FichierIllisible,
    FichierTropVolumineux,
    FormatRefuse,
    ImageTropGrande,
)

# Pillow and pypdf are imported by the checks that use them.
# One image decoded at a time in the process: it guards the process-wide flag of `chargement_strict`
# and bounds the memory decoding takes to one image of at most PIXELS_MAX pixels (JPEG photos are
# decoded at an eighth of their size, which checks all of their data in 1/64 of the memory).
_PILLOW = threading.Lock()
PAGES_IMAGE_MAX = 50  # pages of a TIFF
PIXELS_MAX = 50_000_000  # an A4 page scanned at 600 dpi has 35 million, a 48 Mpx phone photo 48
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Format:
    nom: str
    type_media: str
    extensions: tuple[str, ...]
    pillow: str | None  # Pillow's format name, None for PDF


JPG = Format("JPG", "image/jpeg", ("jpg", "jpeg"), "JPEG")
PNG = Format("PNG", "image/png", ("png",), "PNG")
PDF = Format("PDF", "application/pdf", ("pdf",), None)
TIFF = Format("TIFF", "image/tiff", ("tiff", "tif"), "TIFF")
BMP = Format("BMP", "image/bmp", ("bmp",), "BMP")
FORMATS_JUSTIFICATIFS = (JPG, PNG, PDF, TIFF, BMP)

_SIGNATURES: tuple[tuple[bytes, Format], ...] = (
    (b"\xff\xd8\xff", JPG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"BM", BMP),
)


@dataclass(frozen=True)
class FichierAnalyse:
    """A file whose content was checked; `contenu` is what gets stored."""

    nom_fichier: str
    format: Format
    taille: int
    sha256: str
    contenu: bytes

    def description(self) -> DescriptionContenu:
        """What a stored file or generated document records of its content."""
        return DescriptionContenu(
            nom_fichier=self.nom_fichier,
            type_media=self.format.type_media,
            taille=self.taille,
            sha256=self.sha256,
        )


class DescriptionContenu(TypedDict):
    nom_fichier: str
    type_media: str  # detected from the content, never the declared one
    taille: int
    sha256: str  # the blob's key


def detecter_format(contenu: bytes) -> Format | None:
    for signature, format_ in _SIGNATURES:
        if contenu.startswith(signature):
            return format_
    # PDF readers accept the header anywhere in the first kilobyte (after a byte-order mark, say)
    return PDF if b"%PDF-" in contenu[:1024] else None


def analyser_fichier(
    nom: str | None,
    contenu: bytes,
    formats: tuple[Format, ...] = FORMATS_JUSTIFICATIFS,
    taille_max: int = TAILLE_MAX_FICHIER,
) -> FichierAnalyse:
    """Accept the file if its content is one of `formats` and decodes entirely, else say why in French."""
    affiche = nom_affichable(nom)
    if len(contenu) > taille_max:
        raise FichierTropVolumineux(f"Le fichier « {affiche} » dépasse la taille maximale de 10 Mo.")
    if not contenu:
        raise FichierIllisible(f"Le fichier « {affiche} » est vide.")
    format_ = detecter_format(contenu)
    if format_ is None or format_ not in formats:
        raise FormatRefuse(
            f"Le fichier « {affiche} » n'est pas dans un format accepté : {_acceptes(formats)}."
        )
    if format_ is PDF:
        _verifier_pdf(affiche, contenu)
    else:
        _verifier_image(affiche, contenu, format_)
    return FichierAnalyse(
        nom_fichier=nom_avec_extension(affiche, format_),
        format=format_,
        taille=len(contenu),
        sha256=hashlib.sha256(contenu).hexdigest(),
        contenu=contenu,
    )


def _acceptes(formats: tuple[Format, ...]) -> str:
    if len(formats) == 1:
        return f"seul le format {formats[0].nom} est accepté"
    noms = ", ".join(f.nom for f in formats[:-1])
    return f"seuls les formats {noms} et {formats[-1].nom} sont acceptés"


def _illisible(nom: str) -> FichierIllisible:
    return FichierIllisible(
        f"Le fichier « {nom} » est endommagé ou illisible : veuillez joindre une copie lisible du document."
    )


def _trop_grande(nom: str, pixels: int) -> ImageTropGrande:
    millions = f"{pixels / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
    return ImageTropGrande(
        f"Le fichier « {nom} » est une image trop grande : {millions} millions de pixels, "
        f"pour {PIXELS_MAX // 1_000_000} millions au maximum. Veuillez joindre une image de plus "
        "petite résolution (un scan à 300 dpi suffit)."
    )


def _verifier_image(nom: str, contenu: bytes, format_: Format) -> None:
    """The header's size first, then the content decoded entirely (within `_PILLOW`'s memory bound)."""
    assert format_.pillow is not None
    verifier_image_seule(nom, contenu, format_.pillow)
    from PIL import Image

    try:
        with chargement_strict(), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(contenu), formats=[format_.pillow]) as image:
                pages = getattr(image, "n_frames", 1)  # a TIFF may hold several
                if pages > PAGES_IMAGE_MAX:
                    raise FichierIllisible(
                        f"Le fichier « {nom} » a plus de {PAGES_IMAGE_MAX} pages : veuillez le joindre "
                        "en PDF ou en plusieurs fichiers."
                    )
                for page in range(pages):
                    image.seek(page)
                    if image.width * image.height > PIXELS_MAX:
                        raise _trop_grande(nom, image.width * image.height)
                    if format_ is JPG:
                        image.draft(image.mode, (image.width // 8, image.height // 8))
                    image.load()
    except ErreurDocuments:
        raise
    except Exception:  # Pillow raises many kinds of errors for broken data
        raise _illisible(nom) from None


@contextmanager
def chargement_strict() -> Iterator[None]:
    """Pillow's truncated images are refused even where a library made Pillow accept them.

    `ImageFile.LOAD_TRUNCATED_IMAGES` is process-wide, and WeasyPrint sets it at import: in a
    process that also renders PDFs (a test session, a future merge of services) a truncated scan
    would pass for a readable one.
    """
    from PIL import ImageFile

    with _PILLOW:
        permissif = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = permissif


def _verifier_pdf(nom: str, contenu: bytes) -> None:
    from pypdf import PdfReader

    verifier_pdf_seul(nom, contenu)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(contenu), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise FichierIllisible(
                    f"Le fichier « {nom} » est protégé par un mot de passe : "
                    "veuillez joindre un fichier sans mot de passe."
                )
            if len(reader.pages) == 0:
                raise _illisible(nom)
            for page in reader.pages:
                _ = page.mediabox
            verifier_pdf_inerte(nom, reader)
    except ErreurDocuments:
        raise
    except Exception:  # pypdf raises many kinds of errors for broken data
        raise _illisible(nom) from None


def nom_affichable(nom: str | None) -> str:
    """The file's own name, without any path or control character, at most 200 characters."""
    base = unicodedata.normalize("NFC", (nom or "").replace("\\", "/").rsplit("/", 1)[-1])
    base = "".join(c for c in base if c.isprintable() and c not in '"').strip().lstrip(".")
    return base[:200] or "document"


def nom_avec_extension(nom: str, format_: Format) -> str:
    racine, point, extension = nom.rpartition(".")
    if point and extension.lower() in format_.extensions:
        return nom
    return f"{racine if point else nom}.{format_.extensions[0]}"
