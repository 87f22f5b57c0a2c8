"""Reading rendered PDFs back as the applicant would see them: text (pdftotext) and pages (pdftoppm)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def texte(pdf: bytes, dossier: Path, *, disposition: bool = False) -> str:
    """The PDF's text, whitespace collapsed to single spaces (`disposition`: keep the lines' layout)."""
    chemin = dossier / "document.pdf"
    chemin.write_bytes(pdf)
    options = ["-layout"] if disposition else []
    sortie = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(chemin), "-"], check=True, capture_output=True
    )
    contenu = sortie.stdout.decode("utf-8")
    return contenu if disposition else re.sub(r"\s+", " ", contenu)


def pages_png(pdf: bytes, dossier: Path, nom: str, resolution: int = 60) -> list[Path]:
    """One PNG per page, `nom-1.png`, `nom-2.png`, ..."""
    chemin = dossier / f"{nom}.pdf"
    chemin.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(chemin), str(dossier / nom)], check=True)
    return sorted(dossier.glob(f"{nom}-*.png"))
