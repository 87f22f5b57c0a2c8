"""A clean copy of a stored file for the agents: decoded and written again, nothing but the document.

The original stays as the applicant sent it, sealed with its digest; the agent's browser opens a
copy that no crafted byte of the original reaches: images re-encoded from their pixels (without
their metadata, turned upright), PDFs rewritten page by page by pypdf without the document's
catalogue (no scripts, actions, attachments, forms), links only to a page or a web address.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from services.documents.domain.contenu import (
    JPG,
    PAGES_IMAGE_MAX,
    PDF,
    PIXELS_MAX,
    PNG,
    Format,
    chargement_strict,
    nom_avec_extension,
)
from services.documents.domain.erreurs import FichierIllisible

_ANNOTATIONS_ACTIVES = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
_ACTIONS_PERMISES = {"/GoTo", "/URI"}


@dataclass(frozen=True)
class CopiePropre:
    contenu: bytes
    format: Format

    def nom(self, nom_original: str) -> str:
        """`scan.bmp` becomes `scan.png`: the name follows the copy's format."""
        return nom_avec_extension(nom_original, self.format)


def copie_propre(nom: str, contenu: bytes, type_media: str) -> CopiePropre:
    try:
        if type_media == PDF.type_media:
            return CopiePropre(_pdf_reecrit(contenu), PDF)
        return _image_reencodee(contenu)
    except Exception:  # Pillow and pypdf raise many kinds of errors for broken data
        raise FichierIllisible(
            f"Le fichier « {nom} » ne peut pas être converti en copie sûre pour l'affichage."
        ) from None


def _image_reencodee(contenu: bytes) -> CopiePropre:
    """JPEG stays JPEG (quality 90); PNG, TIFF and BMP become PNG, a TIFF of several pages a PDF."""
    sortie = io.BytesIO()
    with chargement_strict(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(contenu)) as image:
            pages = getattr(image, "n_frames", 1)
            if pages > PAGES_IMAGE_MAX:
                raise ValueError("trop de pages")
            if pages > 1:
                images = [_pixels(image, i) for i in range(pages)]
                images[0].save(sortie, "PDF", save_all=True, append_images=images[1:], resolution=150)
                return CopiePropre(sortie.getvalue(), PDF)
            propre = _pixels(image, 0)
            if image.format == "JPEG":
                propre.convert("RGB").save(sortie, "JPEG", quality=90)
                return CopiePropre(sortie.getvalue(), JPG)
            propre.save(sortie, "PNG")
            return CopiePropre(sortie.getvalue(), PNG)


def _pixels(image: Image.Image, page: int) -> Image.Image:
    image.seek(page)
    if image.width * image.height > PIXELS_MAX:
        raise ValueError("trop de pixels")
    droite = ImageOps.exif_transpose(image)
    modes = {"1", "L", "LA", "RGB", "RGBA", "P", "I;16"}
    propre = (
        droite.copy() if droite.mode in modes else droite.convert("RGBA" if "A" in droite.mode else "RGB")
    )
    propre.info = {}
    return propre


def _pdf_reecrit(contenu: bytes) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(contenu), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        writer = PdfWriter()
        for page in reader.pages:
            nouvelle = writer.add_page(page)
            for cle in ("/AA", "/Metadata", "/PieceInfo"):
                nouvelle.pop(NameObject(cle), None)
            _annotations_inertes(nouvelle)
        sortie = io.BytesIO()
        writer.write(sortie)
    return sortie.getvalue()


def _annotations_inertes(page: DictionaryObject) -> None:
    """Links to a page or a web address stay; other actions and active annotations go."""
    annotations = page.get("/Annots")
    if annotations is None:
        return
    gardees = ArrayObject()
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if not isinstance(annotation, DictionaryObject) or annotation.get("/Subtype") in _ANNOTATIONS_ACTIVES:
            continue
        annotation.pop(NameObject("/AA"), None)
        action = annotation.get("/A")
        if action is not None and action.get_object().get("/S") not in _ACTIONS_PERMISES:
            annotation.pop(NameObject("/A"))
        gardees.append(reference)
    page[NameObject("/Annots")] = gardees
