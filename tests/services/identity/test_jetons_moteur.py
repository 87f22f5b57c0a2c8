"""identity as the engine's authorisation server: client credentials in, a signed short-lived JWT out."""

from __future__ import annotations

import base64
import json
import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from oauthlib.oauth2 import BackendApplicationClient
from pydantic import ValidationError
from requests_oauthlib import OAuth2Session

from contracts.engine_access import ENGINE_AUDIENCE, Permission, platform_clients
from services.identity.adapters.emetteur_moteur import cle_de_developpement, nouvelle_cle, registre_json
from services.identity.settings import IdentitySettings
from services.identity.wiring import engine_token_router
from tests.support.engine_tokens import start_token_server

pytestmark = pytest.mark.unit

SECRETS = {"dossier": "secret-du-dossier", "backoffice": "secret-du-back-office"}


def settings() -> IdentitySettings:
    clients = platform_clients()
    registry = registre_json({name: (clients[name], secret) for name, secret in SECRETS.items()})
    key = json.dumps(nouvelle_cle().as_dict(private=True))
    return IdentitySettings(oauth_clients=registry, oauth_signing_key=key)


@pytest.fixture
async def identity() -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(engine_token_router(settings()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://identity") as http:
        yield http


async def claims_of(http: httpx.AsyncClient, token: str) -> dict[str, object]:
    keys = KeySet.import_key_set((await http.get("/.well-known/jwks.json")).json())
    decoded = jwt.decode(token, keys, algorithms=["ES256"])
    jwt.JWTClaimsRegistry(
        exp={"essential": True}, aud={"essential": True, "value": ENGINE_AUDIENCE}
    ).validate(decoded.claims)
    return decoded.claims


async def test_a_worker_gets_a_short_lived_token_with_its_own_job_types_only(
    identity: httpx.AsyncClient,
) -> None:
    form = {"grant_type": "client_credentials", "client_id": "dossier", "client_secret": SECRETS["dossier"]}
    answer = await identity.post("/oauth/token", data=form)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 300
    assert answer.headers["cache-control"] == "no-store"
    claims = await claims_of(identity, body["access_token"])
    assert claims["sub"] == "dossier"
    assert 0 < int(str(claims["exp"])) - time.time() <= 300
    assert set(str(claims["scope"]).split()) == {"jobs", "process-instances", "messages"}
    job_types = claims["job_types"]
    assert isinstance(job_types, list) and "dossier.cloturer" in job_types
    assert all(str(t).startswith("dossier.") for t in job_types)


async def test_basic_authentication_as_pyzeebe_and_zbctl_send_it(identity: httpx.AsyncClient) -> None:
    basic = base64.b64encode(f"backoffice:{SECRETS['backoffice']}".encode()).decode()
    answer = await identity.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "audience": ENGINE_AUDIENCE},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert answer.status_code == 200, answer.text
    claims = await claims_of(identity, answer.json()["access_token"])
    assert Permission.USER_TASKS in str(claims["scope"]).split() and claims["job_types"] == []
    assert (await identity.get("/oauth/jwks")).json() == (await identity.get("/.well-known/jwks.json")).json()


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        (
            {"grant_type": "client_credentials", "client_id": "dossier", "client_secret": "faux"},
            401,
            "invalid_client",
        ),
        (
            {"grant_type": "client_credentials", "client_id": "inconnu", "client_secret": "x"},
            401,
            "invalid_client",
        ),
        ({"grant_type": "client_credentials", "client_id": "dossier"}, 401, "invalid_client"),
        (
            {"grant_type": "password", "client_id": "dossier", "client_secret": SECRETS["dossier"]},
            400,
            "unsupported_grant_type",
        ),
    ],
)
async def test_wrong_credentials_get_no_token(
    identity: httpx.AsyncClient, form: dict[str, str], status: int, error: str
) -> None:
    answer = await identity.post("/oauth/token", data=form)
    assert answer.status_code == status
    assert answer.json()["error"] == error
    assert "access_token" not in answer.json()


async def test_a_token_signed_by_another_key_does_not_verify(identity: httpx.AsyncClient) -> None:
    other = nouvelle_cle()
    forged = jwt.encode(
        {"alg": "ES256", "kid": other.kid}, {"sub": "backoffice", "scope": "deployments"}, other
    )
    keys = KeySet.import_key_set((await identity.get("/.well-known/jwks.json")).json())
    with pytest.raises(JoseError):
        jwt.decode(forged, keys, algorithms=["ES256"])


def test_a_client_finds_the_token_endpoint_and_the_keys_in_the_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RFC 8414 metadata, followed by requests-oauthlib (pyzeebe's OAuth client, not ours)."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # this machine's plain http
    with start_token_server() as identity:
        metadata = httpx.get(f"{identity.issuer}/.well-known/oauth-authorization-server").json()
        assert metadata["issuer"] == identity.issuer
        assert metadata["grant_types_supported"] == ["client_credentials"]
        session = OAuth2Session(client=BackendApplicationClient(client_id="dossier"))
        token = session.fetch_token(
            metadata["token_endpoint"],
            client_id="dossier",
            client_secret=identity.secrets["dossier"],
            audience=ENGINE_AUDIENCE,
        )
        keys = KeySet.import_key_set(httpx.get(metadata["jwks_uri"]).json())
    claims = jwt.decode(token["access_token"], keys, algorithms=["ES256"]).claims
    assert (claims["iss"], claims["sub"], claims["aud"]) == (identity.issuer, "dossier", ENGINE_AUDIENCE)


def test_production_refuses_to_start_without_a_signing_key() -> None:
    with pytest.raises(ValidationError, match="IDENTITY_OAUTH_SIGNING_KEY"):
        IdentitySettings(
            APP_ENV="production",
            secret_key=secrets.token_urlsafe(32),
            nats_password=secrets.token_urlsafe(32),
        )


def test_the_development_key_is_made_once_and_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "cle.json"
    first = cle_de_developpement(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert cle_de_developpement(path).kid == first.kid
