"""What every page must pass in Chromium: zero axe-core violations, nothing wider than the phone,
no Content-Security-Policy violation; and a screenshot to look at."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from plumbing.settings import REPO_ROOT

AXE = (REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
TROP_LARGES = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => `${e.tagName}.${e.className} « ${(e.textContent || '').trim().slice(0, 40)} »`).slice(-4)"""
"""The innermost elements wider than the window, named in the failure message."""


def surveiller_csp(page: Page) -> list[str]:
    """Console messages of refused resources (the policy is strict: every one is a bug)."""
    refus: list[str] = []
    page.on("console", lambda m: refus.append(m.text) if "Content Security Policy" in m.text else None)
    return refus


def verifier_page(page: Page, nom: str) -> None:
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)  # through DevTools: the page's own CSP does not apply
    resultat: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in resultat["violations"]]
    assert violations == [], f"{nom} : {violations}"
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= page.viewport_size["width"] if page.viewport_size else True, (
        f"{nom} : {largeur}px, {page.evaluate(TROP_LARGES)}"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"gateway-{nom}.png"), full_page=True)


def aujourdhui() -> date:
    return datetime.now(ZoneInfo("Europe/Paris")).date()


def fichiers(dossier: Path) -> tuple[Path, Path, Path]:
    png, pdf, faux = dossier / "passeport.png", dossier / "attestation.pdf", dossier / "faux.pdf"
    image = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 220, 255)).save(image, "PNG")
    png.write_bytes(image.getvalue())
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with pdf.open("wb") as sortie:
        writer.write(sortie)
    faux.write_text("ceci n'est pas un PDF", encoding="utf-8")
    return png, pdf, faux


def cocher(page: Page, id_: str) -> None:
    """A DSFR radio or box is ticked through its label (the input itself is drawn over)."""
    page.locator(f'label[for="{id_}"]').click()
    expect(page.locator(f'[id="{id_}"]')).to_be_checked()


def saisir_date(page: Page, prefixe: str, jour: date) -> None:
    page.fill(f"#{prefixe}_jour", str(jour.day))
    page.fill(f"#{prefixe}_mois", str(jour.month))
    page.fill(f"#{prefixe}_annee", str(jour.year))
