"""Static assets of both sites (the DSFR, the shell's files, the back-office's form-js): cached by
browsers (a year when the URL carries its version), compressed with Brotli or gzip once per file."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import brotli
import httpx
import pytest
from fastapi import FastAPI

from plumbing.dsfr import DSFR_DIST
from plumbing.settings import PlatformSettings
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import FORM_JS_DIST
from services.backoffice.wiring import build_app as build_backoffice
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import build_app as build_gateway

pytestmark = pytest.mark.unit

CSS = "/static/dsfr/dsfr.min.css"


def sites() -> dict[str, FastAPI]:
    # the internal APIs are never called by these requests: the real clients, unused
    return {
        "gateway": build_gateway(GatewaySettings(), PlatformSettings()),
        "backoffice": build_backoffice(BackofficeSettings(), PlatformSettings()),
    }


@pytest.fixture(params=["gateway", "backoffice"])
async def http(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=sites()[request.param])
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        yield client


async def test_gzip_et_cache(http: httpx.AsyncClient) -> None:
    reponse = await http.get(CSS, headers={"Accept-Encoding": "gzip"})
    assert reponse.status_code == 200
    assert reponse.headers["content-encoding"] == "gzip"
    assert reponse.headers["cache-control"] == "public, max-age=86400"
    assert reponse.headers["vary"] == "Accept-Encoding"
    assert reponse.headers["content-type"].startswith("text/css")
    assert int(reponse.headers["content-length"]) < (DSFR_DIST / "dsfr.min.css").stat().st_size / 5
    assert reponse.content == (DSFR_DIST / "dsfr.min.css").read_bytes()  # httpx decompressed it


async def test_brotli_prefere_quand_le_navigateur_l_accepte(http: httpx.AsyncClient) -> None:
    async with http.stream("GET", CSS, headers={"Accept-Encoding": "gzip, deflate, br"}) as reponse:
        assert reponse.headers["content-encoding"] == "br"
        compresse = b"".join([morceau async for morceau in reponse.aiter_raw()])
    assert brotli.decompress(compresse) == (DSFR_DIST / "dsfr.min.css").read_bytes()


async def test_sans_accept_encoding_le_fichier_tel_quel(http: httpx.AsyncClient) -> None:
    async with http.stream("GET", CSS, headers={"Accept-Encoding": "identity"}) as reponse:
        assert "content-encoding" not in reponse.headers
        assert b"".join([m async for m in reponse.aiter_raw()]) == (DSFR_DIST / "dsfr.min.css").read_bytes()


async def test_l_etag_repond_304(http: httpx.AsyncClient) -> None:
    premiere = await http.get(CSS, headers={"Accept-Encoding": "gzip"})
    seconde = await http.get(
        CSS, headers={"Accept-Encoding": "gzip", "If-None-Match": premiere.headers["etag"]}
    )
    assert seconde.status_code == 304 and seconde.content == b""
    assert seconde.headers["cache-control"] == "public, max-age=86400"


async def test_les_pages_donnent_des_adresses_versionnees_gardees_un_an(http: httpx.AsyncClient) -> None:
    page = (await http.get("/connexion")).text
    adresses = re.findall(r'(?:href|src)="(/static/(?:dsfr|anef)/[^"]+\?v=[0-9a-f]+)"', page)
    assert any("dsfr.min.css" in a for a in adresses) and any("dsfr.module.min.js" in a for a in adresses)
    for adresse in adresses:
        reponse = await http.get(adresse, headers={"Accept-Encoding": "gzip"})
        assert reponse.status_code == 200, adresse
        assert reponse.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "content-encoding" not in (await http.get("/connexion")).headers  # pages: never (BREACH)


async def test_les_images_deja_compressees_ne_le_sont_pas_encore(http: httpx.AsyncClient) -> None:
    reponse = await http.get("/static/dsfr/favicon/apple-touch-icon.png", headers={"Accept-Encoding": "gzip"})
    assert reponse.status_code == 200 and "content-encoding" not in reponse.headers
    assert "max-age=86400" in reponse.headers["cache-control"]


async def test_form_js_du_back_office_compresse() -> None:
    transport = httpx.ASGITransport(app=sites()["backoffice"])
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        reponse = await http.get("/static/form-js/form-viewer.umd.js", headers={"Accept-Encoding": "gzip"})
    assert reponse.status_code == 200 and reponse.headers["content-encoding"] == "gzip"
    assert "max-age" in reponse.headers["cache-control"]
    assert reponse.content == (FORM_JS_DIST / "form-viewer.umd.js").read_bytes()
