"""Signing in and out, CSRF on every form, cookies and headers: on a real engine, identity faked."""

from __future__ import annotations

import pytest

from services.backoffice.api.security import CSRF_COOKIE, SESSION_COOKIE
from tests.services.backoffice.conftest import Backoffice
from tests.support.engine_server import EngineServer

pytestmark = pytest.mark.integration


async def test_pages_ask_to_sign_in_and_wrong_credentials_are_refused(backoffice: Backoffice) -> None:
    assert (await backoffice.http.get("/taches")).headers["location"] == "/connexion"
    refus = await backoffice.post("/connexion", {"identifiant": "instructeur.nord", "mot_de_passe": "faux"})
    assert refus.status_code == 401 and "Identifiant ou mot de passe incorrect." in refus.text
    assert "faux" not in refus.text


async def test_every_form_refuses_a_missing_or_tampered_token(backoffice: Backoffice) -> None:
    cle = await backoffice.demarrer("examen-test", "59", "2026-07-01T10:00:00Z")
    await backoffice.connecter("instructeur.nord")
    token = await backoffice.csrf("/taches")
    for url in (
        "/connexion",
        "/deconnexion",
        f"/taches/{cle}/prendre",
        f"/taches/{cle}/rendre",
        f"/taches/{cle}/formulaire",
    ):
        for data in ({}, {"csrf_token": token[:-1] + ("1" if token.endswith("0") else "0")}):
            refus = await backoffice.http.post(url, data=data)
            assert refus.status_code == 403 and "Pour votre sécurité" in refus.text, url
    assert (await backoffice.engine.get(f"/v2/user-tasks/{cle}")).json()["assignee"] is None
    backoffice.http.cookies.set(CSRF_COOKIE, "un-autre-navigateur")
    assert (
        await backoffice.http.post(f"/taches/{cle}/prendre", data={"csrf_token": token})
    ).status_code == 403


async def test_cookies_headers_and_sign_out(backoffice: Backoffice) -> None:
    await backoffice.connecter("instructeur.nord")
    [session] = [c for c in backoffice.http.cookies.jar if c.name == SESSION_COOKIE]
    assert session.has_nonstandard_attr("HttpOnly")
    page = await backoffice.http.get("/taches")
    assert "Camille DURAND" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    sortie = await backoffice.post("/deconnexion", page="/taches")
    assert sortie.status_code == 303 and sortie.headers["location"] == "/connexion"
    assert (await backoffice.http.get("/taches")).headers["location"] == "/connexion"


async def test_the_engine_down_is_a_french_503(backoffice: Backoffice, engine: EngineServer) -> None:
    await backoffice.connecter("instructeur.nord")
    engine.stop()
    page = await backoffice.http.get("/taches")
    assert page.status_code == 503 and "momentanément indisponible" in page.text
