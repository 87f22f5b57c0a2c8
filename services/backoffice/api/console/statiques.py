"""The console's scripts and styles: bpmn-js's viewer from node_modules, the modeler's bundle built
by `make node` (esbuild, into build/modeleur), and the console's own small files (templates/console).

The bundle's directory may be missing on a machine where `make node` has not run: the pages then
say the modeler is unavailable, and deploying a .bpmn file still works.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from plumbing.settings import REPO_ROOT

BPMN_JS_DIST = REPO_ROOT / "node_modules" / "bpmn-js" / "dist"
MODELEUR = REPO_ROOT / "build" / "modeleur"
PROPRES = Path(__file__).parent.parent.parent / "templates" / "console"
FICHIERS = {"diagramme.js": "text/javascript", "formulaires.js": "text/javascript", "console.css": "text/css"}


class _Statiques(StaticFiles):
    def __init__(self, directory: Path, max_age: int) -> None:
        super().__init__(directory=directory, check_dir=False)
        self.cache_control = f"public, max-age={max_age}"

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            response.headers["Cache-Control"] = self.cache_control
        return response


def modeleur_disponible() -> bool:
    return (MODELEUR / "modeleur.js").is_file()


def mount_console_assets(app: FastAPI, max_age: int) -> None:
    app.mount("/static/bpmn-js", _Statiques(BPMN_JS_DIST, max_age), name="bpmn-js")
    app.mount("/static/modeleur", _Statiques(MODELEUR, max_age), name="modeleur")


def build_statiques_router() -> APIRouter:
    router = APIRouter()
    contenus = {nom: (PROPRES / nom).read_text(encoding="utf-8") for nom in FICHIERS}

    @router.get("/static/backoffice/console/{nom}")
    async def fichier(nom: str) -> Response:
        if nom not in FICHIERS:
            return Response(status_code=404)
        return Response(contenus[nom], media_type=FICHIERS[nom], headers={"Cache-Control": "no-cache"})

    return router
