"""Files as applicants send them: good scans in every accepted format, and the bad ones."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter

MEGA = 1024 * 1024


def image(format_: str, taille: tuple[int, int] = (24, 16), couleur: str = "white") -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", taille, couleur).save(tampon, format_)
    return tampon.getvalue()


def png(couleur: str = "white") -> bytes:
    return image("PNG", couleur=couleur)


def jpg() -> bytes:
    return image("JPEG")


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
