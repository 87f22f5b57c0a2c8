"""Rendering prepared documents to PDF with Jinja2 templates and WeasyPrint.

Templates are named after the `Modele` (`confirmation-depot.html`, ...) and share `base.html` and
`style.css`. WeasyPrint is imported, and the stylesheet and fonts loaded, by the first render
(the service starts without them); renders run one at a time on a thread of their own, so the
event loop stays free and WeasyPrint is never used from two threads at once.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from services.pdf.domain.dates import date_fr
from services.pdf.domain.documents import DocumentPrepare
from services.pdf.domain.donnees import lieu_de_naissance

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
ADRESSE_WEB = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def liens(texte: str) -> Markup:
    """Escape `texte` and make its web addresses clickable (the Annexe's translators, e-photo)."""
    echappe = str(escape(texte))
    return Markup(ADRESSE_WEB.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', echappe))  # noqa: S704


class WeasyPrintRendu:
    """The `MoteurRendu` of the service: accessible (PDF/UA-1, tagged, `lang="fr"`, titled) A4 PDFs."""

    def __init__(self, templates_dir: Path = TEMPLATES_DIR) -> None:
        self.templates = Environment(
            loader=FileSystemLoader(templates_dir),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["date_fr"] = date_fr
        self.templates.filters["liens"] = liens
        self.templates.filters["lieu_de_naissance"] = lieu_de_naissance
        self.base_url = str(templates_dir)
        self.style = templates_dir / "style.css"
        self._styles: tuple[FontConfiguration, CSS] | None = None
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rendu-pdf")

    def html(self, document: DocumentPrepare) -> str:
        template = self.templates.get_template(f"{document.modele}.html")
        return template.render(titre=document.titre, **document.contexte)

    def styles(self) -> tuple[FontConfiguration, CSS]:
        """The fonts and the stylesheet, loaded once (by the rendering thread)."""
        if self._styles is None:
            from weasyprint import CSS
            from weasyprint.text.fonts import FontConfiguration

            fonts = FontConfiguration()
            self._styles = (fonts, CSS(filename=str(self.style), font_config=fonts))
        return self._styles

    def rendre_pdf(self, document: DocumentPrepare) -> bytes:
        from weasyprint import HTML

        fonts, stylesheet = self.styles()
        page = HTML(string=self.html(document), base_url=self.base_url)
        pdf = page.write_pdf(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1", pdf_tags=True
        )
        assert pdf is not None  # write_pdf returns bytes when no target is given
        return pdf

    async def rendre(self, document: DocumentPrepare) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(self.executor, self.rendre_pdf, document)

    def fermer(self) -> None:
        self.executor.shutdown(wait=True)
