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

from plumbing.settings import REPO_ROOT

DSFR_DIST = REPO_ROOT / "node_modules" / "@gouvfr" / "dsfr" / "dist"
SHELL_TEMPLATES = Path(__file__).parent / "templates"


def mount_dsfr(app: FastAPI) -> None:
    """Serve the DSFR's CSS, JS, fonts and icons under /static/dsfr."""
    if not DSFR_DIST.is_dir():
        raise RuntimeError("DSFR absent : lancez `make node` (npm ci) avant de démarrer le site")
    app.mount("/static/dsfr", StaticFiles(directory=DSFR_DIST), name="dsfr")


def dsfr_templates(service_templates: Path, site_name: str, theme: str = "dsfr") -> Jinja2Templates:
    """Jinja2 templates of a site, able to extend the shell's `dsfr/base.html`."""
    templates = Jinja2Templates(directory=service_templates)
    templates.env.loader = ChoiceLoader(
        [FileSystemLoader(service_templates), FileSystemLoader(SHELL_TEMPLATES)]
    )
    templates.env.globals.update(site_name=site_name, theme_officiel=theme != "neutre")
    return templates
