"""Static assets (the DSFR, the shell's own files): cached by browsers, compressed once.

Text assets (CSS, JavaScript, SVG, JSON…) are compressed with Brotli and gzip the first time they
are asked, off the event loop, and kept in memory: the 700 kB DSFR stylesheet is not compressed
again for every visitor. The answer follows the request's Accept-Encoding (br, then gzip, else the
file as is), with `Vary: Accept-Encoding` and an ETag per encoding (If-None-Match answers 304).

Cache-Control: `max_age` seconds; a one-year `immutable` for URLs carrying a version (`?v=`),
which `url_statique` adds from the file's content, so a new release is fetched at once.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import anyio.to_thread
import brotli
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.types import Scope

UN_AN = 365 * 24 * 3600
COMPRESSIBLES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
TAILLE_MINIMALE = 512  # smaller files gain nothing from compression


@dataclass(frozen=True)
class Compresse:
    br: bytes
    gzip: bytes
    empreinte: str


def _compresser(contenu: bytes) -> Compresse:
    return Compresse(
        brotli.compress(contenu, quality=9),
        gzip.compress(contenu, compresslevel=9, mtime=0),
        hashlib.sha256(contenu).hexdigest()[:20],
    )


def _encodage(accept_encoding: str) -> str | None:
    acceptes = {
        partie.split(";")[0].strip().lower()
        for partie in accept_encoding.split(",")
        if not partie.replace(" ", "").endswith(";q=0")
    }
    return "br" if "br" in acceptes else "gzip" if "gzip" in acceptes else None


class CachedStaticFiles(StaticFiles):
    """StaticFiles with cache headers and Brotli/gzip compression done once per file."""

    def __init__(self, *, directory: Path, max_age: int) -> None:
        super().__init__(directory=directory)
        self.max_age = max_age
        self._compresses: dict[tuple[str, float], Compresse] = {}
        self._verrou = threading.Lock()

    def _cache_control(self, scope: Scope) -> str:
        versionne = b"v=" in scope.get("query_string", b"")
        return f"public, max-age={UN_AN}, immutable" if versionne else f"public, max-age={self.max_age}"

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code not in (200, 304):
            return response
        response.headers["Cache-Control"] = self._cache_control(scope)
        if not isinstance(response, FileResponse) or response.status_code != 200:
            return response
        type_media = response.media_type or ""
        taille = int(response.headers.get("content-length", "0"))
        if not type_media.startswith(COMPRESSIBLES) or taille < TAILLE_MINIMALE:
            return response
        response.headers["Vary"] = "Accept-Encoding"
        encodage = _encodage(Headers(scope=scope).get("accept-encoding", ""))
        if encodage is None:
            return response
        modifie = response.stat_result.st_mtime if response.stat_result else 0.0
        compresse = await self._compresse(Path(response.path), modifie)
        etag = f'"{compresse.empreinte}-{encodage}"'
        entetes = {
            "Cache-Control": response.headers["Cache-Control"],
            "Vary": "Accept-Encoding",
            "ETag": etag,
            "Last-Modified": response.headers.get("last-modified", ""),
        }
        if etag in Headers(scope=scope).get("if-none-match", ""):
            return Response(status_code=304, headers=entetes)
        corps = compresse.br if encodage == "br" else compresse.gzip
        return Response(corps, media_type=type_media, headers={**entetes, "Content-Encoding": encodage})

    async def _compresse(self, chemin: Path, modifie: float) -> Compresse:
        cle = (str(chemin), modifie)
        if (trouve := self._compresses.get(cle)) is not None:
            return trouve

        def calculer() -> Compresse:
            with self._verrou:  # a burst of first visitors compresses the file once
                if (deja := self._compresses.get(cle)) is None:
                    deja = self._compresses[cle] = _compresser(chemin.read_bytes())
                return deja

        return await anyio.to_thread.run_sync(calculer)


@lru_cache(maxsize=256)
def _version(fichier: Path) -> str:
    return hashlib.sha256(fichier.read_bytes()).hexdigest()[:12]


def url_statique(racines: dict[str, Path], chemin: str) -> str:
    """`/static/<chemin>?v=<content hash>` for a file under a mounted prefix (`dsfr/dsfr.min.css`)."""
    prefixe, _, reste = chemin.partition("/")
    fichier = racines[prefixe] / reste
    return f"/static/{chemin}?v={_version(fichier)}"
