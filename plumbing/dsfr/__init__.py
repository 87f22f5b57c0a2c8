"""The DSFR shell shared by the applicant site and the back-office: assets, base layout, templates.

The DSFR (Système de design de l'État) is reserved to State services, which this one is. Set
`UI_THEME=neutre` to serve the same pages without the Marianne block and the State's identity,
e.g. for a demonstration outside the administration.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader

from plumbing.dsfr.statiques import CachedStaticFiles, url_statique
from plumbing.settings import REPO_ROOT

DSFR_DIST = REPO_ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist"
SHELL_TEMPLATES = Path(__file__).parent / "templates"
SHELL_STATIC = Path(__file__).parent / "static"
STATIC_ROOTS = {"dsfr": DSFR_DIST, "anef": SHELL_STATIC}

__all__ = ["CachedStaticFiles", "dsfr_templates", "mount_dsfr"]


def mount_dsfr(app: FastAPI, *, max_age: int | None = None) -> None:
    """Serve the DSFR's CSS, JS, fonts and icons under /static/dsfr.

    With `max_age` (seconds), the assets and the shell's own (/static/anef) are also sent with
    cache headers (a year for the versioned URLs of `statique()`) and compressed with Brotli or gzip
    once per file (only assets: pages carry secrets and stay uncompressed).
    """
    if not DSFR_DIST.is_dir():
        raise RuntimeError("DSFR absent : lancez `make node` (npm ci) avant de démarrer le site")
    if max_age is None:
        app.mount("/static/dsfr", StaticFiles(directory=DSFR_DIST), name="dsfr")
        return
    for prefix, directory in STATIC_ROOTS.items():
        app.mount(f"/static/{prefix}", CachedStaticFiles(directory=directory, max_age=max_age), name=prefix)


def dsfr_templates(service_templates: Path, site_name: str, theme: str = "dsfr") -> Jinja2Templates:
    """Jinja2 templates of a site, able to extend the shell's `dsfr/base.html`."""
    templates = Jinja2Templates(directory=service_templates)
    templates.env.loader = ChoiceLoader(
        [FileSystemLoader(service_templates), FileSystemLoader(SHELL_TEMPLATES)]
    )
    templates.env.globals.update(
        site_name=site_name,
        theme_officiel=theme != "neutre",
        statique=lambda chemin: url_statique(STATIC_ROOTS, chemin),
    )
    return templates
