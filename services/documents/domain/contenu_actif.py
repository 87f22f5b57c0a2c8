"""Active content and second formats hidden in a file: what a scan or a PDF export never holds.

A PDF may carry scripts, actions run when it opens, programs to launch and files of its own; any
file may also be read as another format by another program (a web page before a PDF, an archive
after a PNG, HTML after a JPEG). Both are refused: the agent who opens the piece must not run them.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from services.documents.domain.erreurs import ContenuActif

# The reasons a PDF is refused, the most telling first.
JAVASCRIPT = "du JavaScript"
LANCEMENT = "le lancement d'un programme"
FICHIERS_JOINTS = "des fichiers joints"
FORMULAIRE_XFA = "un formulaire dynamique (XFA)"
ACTION_AUTOMATIQUE = "une action automatique"
_RAISONS = (JAVASCRIPT, LANCEMENT, FICHIERS_JOINTS, FORMULAIRE_XFA, ACTION_AUTOMATIQUE)

# Second formats.
PAGE_WEB = "une page web ou une image SVG"
ARCHIVE = "une archive ZIP"
AVANT_LE_PDF = "des données avant le début du PDF"
APRES_LE_PDF = "des données après la fin du PDF"
APRES_L_IMAGE = "des données cachées après la fin de l'image"

_ACTIONS: dict[str, str] = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": LANCEMENT,
    "/ImportData": LANCEMENT,
    "/GoToE": FICHIERS_JOINTS,
    "/RichMediaExecute": JAVASCRIPT,
}
_CLES: dict[str, str] = {
    "/JS": JAVASCRIPT,
    "/JavaScript": JAVASCRIPT,
    "/EmbeddedFiles": FICHIERS_JOINTS,
    "/EF": FICHIERS_JOINTS,
    "/XFA": FORMULAIRE_XFA,
    "/AA": ACTION_AUTOMATIQUE,
}
_TYPES: dict[str, str] = {
    "/EmbeddedFile": FICHIERS_JOINTS,
    "/FileAttachment": FICHIERS_JOINTS,
    "/RichMedia": JAVASCRIPT,
}
OBJETS_MAX = 200_000  # far above any scan or export; a file with more is refused as unreadable

_BALISE = re.compile(
    rb"<(?:script|html|svg|iframe|body|object|embed|!doctype\s+html|\?php)[\s>/]", re.IGNORECASE
)
_BLANCS = b" \t\r\n\x00\x0c"


def _refus(nom: str, raison: str) -> ContenuActif:
    return ContenuActif(
        f"Le fichier « {nom} » contient {raison} : il est refusé par sécurité. Veuillez joindre "
        "une version sans contenu actif, par exemple en l'imprimant en PDF (« Imprimer », puis "
        "« Enregistrer au format PDF ») ou en scannant le document."
    )


def _second_format(nom: str, autre: str) -> ContenuActif:
    return ContenuActif(
        f"Le fichier « {nom} » contient, en plus du document, {autre} : il est refusé par sécurité. "
        "Veuillez enregistrer le document de nouveau depuis votre scanner ou votre téléphone, "
        "ou l'imprimer en PDF, puis le joindre."
    )


def verifier_pdf_inerte(nom: str, reader: PdfReader) -> None:
    """Every object the document reaches is looked at, names decoded (`/J#61vaScript` is `/JavaScript`)."""
    trouvees = set(_raisons(reader.trailer))
    for raison in _RAISONS:
        if raison in trouvees:
            raise _refus(nom, raison)


def _raisons(racine: PdfObject) -> Iterator[str]:
    vus: set[tuple[int, int]] = set()
    a_voir: list[PdfObject | None] = [racine]
    while a_voir:
        objet = a_voir.pop()
        if isinstance(objet, IndirectObject):
            cle = (objet.idnum, objet.generation)
            if cle in vus:
                continue
            vus.add(cle)
            if len(vus) > OBJETS_MAX:
                raise ValueError("trop d'objets")
            objet = objet.get_object()
        if isinstance(objet, DictionaryObject):
            yield from _raisons_du_dictionnaire(objet)
            a_voir.extend(objet.values())
        elif isinstance(objet, ArrayObject):
            a_voir.extend(objet)


def _raisons_du_dictionnaire(objet: DictionaryObject) -> Iterator[str]:
    for cle in objet:
        if cle in _CLES:
            yield _CLES[cle]
    for champ in ("/S", "/Type", "/Subtype"):
        valeur = objet.get(champ)
        if isinstance(valeur, str):
            if champ == "/S" and valeur in _ACTIONS:
                yield _ACTIONS[valeur]
            elif valeur in _TYPES:
                yield _TYPES[valeur]
    ouverture = objet.get("/OpenAction")
    action = ouverture.get_object() if ouverture is not None else None
    # `[page /Fit]` only says where to open; an action dictionary other than GoTo does something
    if isinstance(action, DictionaryObject) and action.get("/S") != "/GoTo":
        yield ACTION_AUTOMATIQUE


def verifier_pdf_seul(nom: str, contenu: bytes) -> None:
    """Nothing before `%PDF-` (but a byte-order mark or blanks), nothing after the last `%%EOF`."""
    debut = contenu.find(b"%PDF-")
    avant = contenu[:debut].removeprefix(b"\xef\xbb\xbf")
    if avant.strip(_BLANCS):
        raise _second_format(nom, PAGE_WEB if _BALISE.search(avant) else AVANT_LE_PDF)
    fin = contenu.rfind(b"%%EOF")
    apres = contenu[fin + 5 :] if fin >= 0 else b""
    if _est_une_archive(contenu):
        raise _second_format(nom, ARCHIVE)
    if apres.strip(_BLANCS):
        raise _second_format(nom, PAGE_WEB if _BALISE.search(apres) else APRES_LE_PDF)


def verifier_image_seule(nom: str, contenu: bytes, format_: str) -> None:
    """No markup outside the pixels, no archive, and nothing after the image's end.

    Compressed pixels look random: markup is looked for in the metadata only (PNG chunks, JPEG
    segments, BMP header), where a web page hides; TIFF, not parsed here, is searched whole.
    """
    fin, hors_pixels = _STRUCTURES[format_](contenu) if format_ in _STRUCTURES else (len(contenu), contenu)
    if _BALISE.search(hors_pixels) or _BALISE.search(contenu[fin:]):
        raise _second_format(nom, PAGE_WEB)
    if _est_une_archive(contenu):
        raise _second_format(nom, ARCHIVE)
    if contenu[fin:].strip(b"\x00"):
        raise _second_format(nom, APRES_L_IMAGE)


def _est_une_archive(contenu: bytes) -> bool:
    """ZIP readers look for the archive's directory from the end: any file may be one too."""
    try:
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def _png(contenu: bytes) -> tuple[int, bytes]:
    """The end of the IEND chunk, and every chunk but the pixels' (IDAT)."""
    position, metadonnees = 8, []
    while position + 12 <= len(contenu):
        (longueur,) = struct.unpack(">I", contenu[position : position + 4])
        type_ = contenu[position + 4 : position + 8]
        if type_ != b"IDAT":
            metadonnees.append(contenu[position : position + 12 + longueur])
        position += 12 + longueur
        if type_ == b"IEND":
            break
    return min(position, len(contenu)), b"".join(metadonnees)


def _jpeg(contenu: bytes) -> tuple[int, bytes]:
    """After the last of the JPEG pictures one after the other (phones add some: Multi-Picture
    Format), and their segments (the compressed pixels left out)."""
    metadonnees: list[bytes] = []
    fin = _une_image_jpeg(contenu, 0, metadonnees)
    while contenu.startswith(b"\xff\xd8\xff", fin):
        fin = _une_image_jpeg(contenu, fin, metadonnees)
    return fin, b"".join(metadonnees)


def _une_image_jpeg(contenu: bytes, debut: int, metadonnees: list[bytes]) -> int:
    """The end of the End-Of-Image marker, following segments and entropy-coded data from `debut`."""
    position, taille = debut + 2, len(contenu)
    while position + 2 <= taille:
        if contenu[position] != 0xFF:
            return taille  # not a marker: broken, decoding says so
        marqueur = contenu[position + 1]
        if marqueur == 0xFF:  # fill byte
            position += 1
        elif marqueur == 0xD9:
            return position + 2
        elif 0xD0 <= marqueur <= 0xD7 or marqueur == 0x01:
            position += 2
        else:
            if position + 4 > taille:
                return taille
            suivant = position + 2 + int.from_bytes(contenu[position + 2 : position + 4], "big")
            metadonnees.append(contenu[position:suivant])
            position = suivant
            if marqueur == 0xDA:
                position = _apres_les_donnees_compressees(contenu, position)
    return taille


def _apres_les_donnees_compressees(contenu: bytes, position: int) -> int:
    """The next marker: 0xFF followed by neither 0x00 (a stuffed byte) nor a restart marker."""
    while (position := contenu.find(b"\xff", position)) >= 0 and position + 1 < len(contenu):
        suivant = contenu[position + 1]
        if suivant != 0x00 and not 0xD0 <= suivant <= 0xD7 and suivant != 0xFF:
            return position
        position += 1 if suivant == 0xFF else 2
    return len(contenu)


def _bmp(contenu: bytes) -> tuple[int, bytes]:
    """The size the header declares, and the headers before the pixels."""
    declaree = int.from_bytes(contenu[2:6], "little")
    pixels = int.from_bytes(contenu[10:14], "little")
    return (declaree if 0 < declaree <= len(contenu) else len(contenu)), contenu[:pixels]


_STRUCTURES = {"PNG": _png, "JPEG": _jpeg, "BMP": _bmp}
