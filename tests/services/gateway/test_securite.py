"""Every page is protected the same way: CSRF on every form, cookies, headers, French errors."""

from __future__ import annotations

import pytest

from services.gateway.api.security import CSRF_COOKIE, SESSION_COOKIE
from tests.services.gateway.conftest import Site

pytestmark = pytest.mark.integration


async def test_every_form_refuses_a_missing_or_tampered_token(site: Site) -> None:
    paths = site.app.openapi()["paths"]
    posts = [path for path, operations in paths.items() if "post" in operations]
    assert len(posts) >= 6
    token = await site.csrf()
    for path in posts:
        for data in (
            {},
            {"csrf_token": token[:-1] + ("1" if token.endswith("0") else "0")},
            {"csrf_token": ""},
        ):
            response = await site.http.post(path, data={**data, "identifiant": "5903007178"})
            assert response.status_code == 403, path
            assert "Pour votre sécurité" in response.text or "Déconnexion refusée" in response.text
    assert site.comptes.demandes == []


async def test_a_refused_token_keeps_what_was_typed_but_never_the_password(site: Site) -> None:
    await site.csrf()
    response = await site.http.post(
        "/compte/courriel",
        data={"courriel": "sept@example.org", "numero_titre": "9900000007", "csrf_token": "faux"},
    )
    assert response.status_code == 403
    assert 'value="sept@example.org"' in response.text
    refused = await site.http.post(
        "/connexion", data={"identifiant": "5903007178", "mot_de_passe": "Secret.1234"}
    )
    assert 'value="5903007178"' in refused.text and "Secret.1234" not in refused.text


async def test_a_token_from_another_browser_is_refused(site: Site) -> None:
    token = await site.csrf()
    site.http.cookies.set(CSRF_COOKIE, "un-autre-navigateur")
    response = await site.http.post(
        "/connexion", data={"csrf_token": token, "identifiant": "x", "mot_de_passe": "y"}
    )
    assert response.status_code == 403


async def test_cookies_are_httponly_lax_and_secure_outside_development(site: Site) -> None:
    home = await site.http.get("/")
    csrf = home.headers["set-cookie"]
    assert "HttpOnly" in csrf and "SameSite=lax" in csrf and "Secure" not in csrf  # development
    await site.connecter()
    [session] = [c for c in site.http.cookies.jar if c.name == SESSION_COOKIE]
    assert session.has_nonstandard_attr("HttpOnly")


def test_cookies_are_secure_outside_development() -> None:
    from services.gateway.settings import GatewaySettings

    assert GatewaySettings(
        APP_ENV="production", secret_key="Xq3v-9rT_ab1LmZ0pWk7YhC2nE5sJd8uFg4oRi6tHb"
    ).cookies_secure
    assert not GatewaySettings().cookies_secure
    assert GatewaySettings(cookie_secure=True).cookies_secure


async def test_pages_carry_a_strict_policy_and_are_never_cached(site: Site) -> None:
    response = await site.http.get("/connexion")
    policy = response.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert "<script>" not in response.text and " style=" not in response.text


async def test_static_assets_are_cached_and_compressed(site: Site) -> None:
    response = await site.http.get("/static/dsfr/dsfr.min.css", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "max-age=86400" in response.headers["cache-control"]
    script = await site.http.get("/static/anef/mot-de-passe.js")
    assert script.status_code == 200 and "max-age" in script.headers["cache-control"]


async def test_pages_are_not_compressed(site: Site) -> None:
    response = await site.http.get("/connexion", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers  # a secret (CSRF) beside typed text: no BREACH


async def test_errors_are_french_pages(site: Site) -> None:
    missing = await site.http.get("/nulle-part")
    assert missing.status_code == 404 and "Page non trouvée" in missing.text
    assert '<html lang="fr"' in missing.text
    site.comptes.indisponible = True
    site.http.cookies.set(SESSION_COOKIE, "session-1")
    down = await site.http.get("/")
    assert down.status_code == 503
    assert "Le service est momentanément indisponible" in down.text


async def test_an_unexpected_error_is_a_french_page(site: Site) -> None:
    async def panne(_jeton: str) -> None:
        raise RuntimeError("boom")

    site.comptes.session = panne  # type: ignore[method-assign,assignment]
    site.http.cookies.set(SESSION_COOKIE, "session-1")
    response = await site.http.get("/")
    assert (
        response.status_code == 500 and "Erreur inattendue" in response.text and "boom" not in response.text
    )
