"""Files as applicants send them: good scans in every accepted format, and the bad ones."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

MEGA = 1024 * 1024


def image(format_: str, taille: tuple[int, int] = (24, 16), couleur: str = "white") -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", taille, couleur).save(tampon, format_)
    return tampon.getvalue()


def png(couleur: str = "white") -> bytes:
    return image("PNG", couleur=couleur)


def jpg() -> bytes:
    return image("JPEG")


def jpg_commente(commentaire: bytes) -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", (24, 16), "white").save(tampon, "JPEG", comment=commentaire)
    return tampon.getvalue()


def tiff() -> bytes:
    return image("TIFF")


def bmp() -> bytes:
    return image("BMP")


def pdf(pages: int = 1, mot_de_passe: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if mot_de_passe:
        writer.encrypt(mot_de_passe, algorithm="RC4-128")
    tampon = io.BytesIO()
    writer.write(tampon)
    return tampon.getvalue()


def exe() -> bytes:
    """A Windows program: what a `.pdf` may really be."""
    return b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode."


def png_corrompu() -> bytes:
    """A PNG cut in the middle of its image data."""
    contenu = image("PNG", taille=(200, 200), couleur="red")
    return contenu[: len(contenu) // 2]


def pdf_corrompu() -> bytes:
    return b"%PDF-1.7\n" + b"\x00garbage" * 200


def trop_gros(megaoctets: int = 11) -> bytes:
    """Starts like a PNG, weighs more than 10 Mo."""
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * (megaoctets * MEGA)


# Active content and polyglots: what an attacker sends instead of a scan.

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _ecrire(writer: PdfWriter) -> bytes:
    tampon = io.BytesIO()
    writer.write(tampon)
    return tampon.getvalue()


def _pdf_avec_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def pdf_javascript() -> bytes:
    """A script in the document's name tree, run by readers when the file opens."""
    writer = _pdf_avec_page()
    script = writer._add_object(_action("/JavaScript", JS=TextStringObject("app.alert('ANEF');")))
    arbre = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("ouverture"), script])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): arbre})
    return _ecrire(writer)


def _action(type_action: str, **entrees: PdfObject) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(type_action)})
    action.update({NameObject(f"/{cle}"): valeur for cle, valeur in entrees.items()})
    return action


def pdf_ouverture(action: DictionaryObject | ArrayObject) -> bytes:
    """`/OpenAction`: what a reader does as soon as the file is opened."""
    writer = _pdf_avec_page()
    writer._root_object[NameObject("/OpenAction")] = action
    return _ecrire(writer)


def pdf_ouverture_javascript() -> bytes:
    return pdf_ouverture(_action("/JavaScript", JS=TextStringObject("app.launchURL('http://x');")))


def pdf_lancement() -> bytes:
    """A link on the page that starts a program (`/Launch`)."""
    writer = _pdf_avec_page()
    lien = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(
                [NumberObject(0), NumberObject(0), NumberObject(595), NumberObject(842)]
            ),
            NameObject("/A"): _action("/Launch", F=TextStringObject("C:\\Windows\\System32\\cmd.exe")),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(lien)])
    return _ecrire(writer)


def pdf_fichier_joint() -> bytes:
    writer = _pdf_avec_page()
    writer.add_attachment("facture.exe", exe())
    return _ecrire(writer)


def pdf_javascript_nom_echappe() -> bytes:
    """The same script with its names written `#xx`, which readers decode: a byte search misses it."""
    writer = _pdf_avec_page()
    writer._root_object[NameObject("/OpenAction")] = _action(
        "/JavaScript", JS=TextStringObject("app.alert(1);")
    )
    contenu = _ecrire(writer).replace(b"/Producer (pypdf)", b"/Producer (pdf)").replace(b"\\073)", b")")
    # 6 bytes fewer, 6 bytes more: the cross-reference table's offsets stay right
    return contenu.replace(b"/JavaScript", b"/J#61vaScrip#74").replace(b"/OpenAction", b"/Op#65nAction")


def pdf_ouverture_a_la_premiere_page() -> bytes:
    """`/OpenAction [page /Fit]`: what word processors write; no action, only where to open."""
    writer = _pdf_avec_page()
    page = writer.pages[0].indirect_reference
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])
    return _ecrire(writer)


def archive_zip() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("lisez-moi.html", "<script>alert(document.cookie)</script>")
    return tampon.getvalue()


PAGE_WEB = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>\n'


def png_geant(largeur: int = 9400, hauteur: int = 9400) -> bytes:
    """A valid RGB PNG of `largeur` × `hauteur` white pixels, a few hundred kilobytes once compressed.

    Written row by row: making it never holds the decoded image in memory.
    """
    compresseur = zlib.compressobj(1)
    ligne = b"\x00" + b"\xff" * (largeur * 3)
    idat = b"".join(compresseur.compress(ligne) for _ in range(hauteur)) + compresseur.flush()

    def bloc(type_: bytes, donnees: bytes) -> bytes:
        return (
            struct.pack(">I", len(donnees)) + type_ + donnees + struct.pack(">I", zlib.crc32(type_ + donnees))
        )

    entete = struct.pack(">IIBBBBB", largeur, hauteur, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + bloc(b"IHDR", entete) + bloc(b"IDAT", idat) + bloc(b"IEND", b"")
