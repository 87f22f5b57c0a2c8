"""Internal APIs take the actor from a token identity signed, never from what the caller declares."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi import APIRouter, HTTPException
from joserfc import jwt

from contracts.clients.base import InternalApiClient, RequestRefused
from plumbing.actors import ACTOR_AUDIENCE, Actor, actor_claims
from plumbing.authentication import CurrentActor, actor_verifier
from plumbing.engine_auth import EngineCredentials, ServiceTokens
from plumbing.web import create_app
from tests.support.actor_tokens import ISSUER, ActorTokens
from tests.support.engine_tokens import start_token_server

pytestmark = pytest.mark.unit

TOKENS = ActorTokens()
AGENT_59 = Actor("agent", "a1", frozenset({"59"}), frozenset({"instructeur"}))


def app_trusting(tokens: ActorTokens = TOKENS):  # type: ignore[no-untyped-def]
    app = create_app("exemple")
    app.state.actor_verifier = tokens.verifier()
    router = APIRouter()

    @router.get("/qui")
    async def who(actor: CurrentActor) -> dict[str, object]:
        return {"acteur": describe(actor), "instruit_62": actor.may_instruct("62")}

    app.include_router(router)
    return app


def describe(actor: Actor) -> str:
    value = f"{actor.kind}:{actor.id}"
    if actor.prefectures:
        value += ";prefectures=" + ",".join(sorted(actor.prefectures))
    if actor.roles:
        value += ";roles=" + ",".join(sorted(actor.roles))
    return value


async def get(headers: dict[str, str], app=None) -> httpx.Response:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app or app_trusting())
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get("/qui", headers=headers)


async def test_the_actor_is_the_one_identity_signed_whatever_x_acteur_claims() -> None:
    forged = {**TOKENS.headers(AGENT_59), "X-Acteur": "agent:a1;prefectures=59,62;roles=valideur"}
    answer = await get(forged)
    assert answer.json() == {"acteur": "agent:a1;prefectures=59;roles=instructeur", "instruit_62": False}


async def test_an_applicant_token_cannot_act_as_an_agent() -> None:
    applicant = {**TOKENS.headers(Actor("demandeur", "c1")), "X-Acteur": "agent:c1;prefectures=59"}
    answer = await get(applicant)
    assert answer.json()["acteur"] == "demandeur:c1"
    # préfectures in an applicant's token are not read: only an agent instructs
    claims = {**actor_claims(Actor("demandeur", "c1")), "prefectures": ["62"]}
    assert (await get(_signed(TOKENS, claims))).json() == {"acteur": "demandeur:c1", "instruit_62": False}


async def test_a_token_signed_by_another_key_is_refused() -> None:
    answer = await get(ActorTokens().headers(AGENT_59))
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Jeton d'acteur absent, invalide ou expiré."


async def test_an_expired_token_is_refused() -> None:
    expired = _signed(TOKENS, actor_claims(AGENT_59), exp=int(time.time()) - 5)
    assert (await get(expired)).status_code == 401


async def test_a_token_for_another_audience_or_naming_no_actor_is_refused() -> None:
    assert (await get(_signed(TOKENS, actor_claims(AGENT_59), aud="zeebe-api"))).status_code == 401
    assert (await get(_signed(TOKENS, {"sub": "a1", "acteur": "pirate"}))).status_code == 401


@pytest.mark.integration
async def test_identity_signs_service_tokens_the_api_verifies_on_its_key_set() -> None:
    with start_token_server() as identity:
        async with httpx.AsyncClient() as http:
            answer = await http.post(
                identity.token_url,
                data={"grant_type": "client_credentials", "audience": ACTOR_AUDIENCE},
                auth=("dossier", identity.secrets["dossier"]),
            )
        app = create_app("exemple")
        app.state.actor_verifier = actor_verifier(identity.jwks_url, identity.issuer)
        app.include_router(app_trusting().router)
        token = answer.json()["access_token"]
        assert (await get({"Authorization": f"Bearer {token}"}, app)).json()["acteur"] == "service:dossier"
        # an engine token is no actor token
        assert (await get(identity.headers("dossier"), app)).status_code == 401
        # the deploy scripts' client is no service of the platform: no actor token for it
        async with httpx.AsyncClient() as http:
            refused = await http.post(
                identity.token_url,
                data={"grant_type": "client_credentials", "audience": ACTOR_AUDIENCE},
                auth=("deploiement", identity.secrets["deploiement"]),
            )
        assert refused.status_code == 400


async def test_a_service_asks_for_a_new_token_once_identity_changed_its_key() -> None:
    """identity restarted with a new key: the services' five-minute tokens no longer verify on a
    fresh verifier; a service's client asks for a new token once instead of failing for 5 min."""
    with start_token_server() as identity:
        tokens = ServiceTokens(EngineCredentials("dossier", identity.secrets["dossier"], identity.token_url))
        signed_before = await tokens.token(tokens.service)
        identity.rotate_key()
        app = create_app("exemple")
        app.state.actor_verifier = actor_verifier(identity.jwks_url, identity.issuer)
        app.include_router(app_trusting().router)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            assert (
                await http.get("/qui", headers={"Authorization": f"Bearer {signed_before}"})
            ).status_code == 401
            answer = await InternalApiClient(http, tokens, tokens.service).request("GET", "/qui")
        assert answer.json()["acteur"] == "service:dossier"
        assert await tokens.token(tokens.service) != signed_before


async def test_a_refusal_of_the_api_s_own_is_sent_once() -> None:
    """A 401 the API means (a wrong password) is no token refusal: asked again, it would count twice."""
    calls: list[str] = []
    app = app_trusting()

    @app.post("/sessions")
    async def sign_in(_actor: CurrentActor) -> None:
        calls.append("sign-in")
        raise HTTPException(status_code=401, detail="Identifiant ou mot de passe incorrect.")

    service = Actor("service", "gateway")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
        with pytest.raises(RequestRefused):
            await InternalApiClient(http, TOKENS, service).request("POST", "/sessions")
    assert calls == ["sign-in"]


async def test_an_applicants_refused_token_is_not_replaced() -> None:
    """A session's token comes with its actor: refused, it is answered as such (the session ended)."""
    other_key = ActorTokens()
    applicant = Actor("demandeur", "c1", token=other_key.sign(Actor("demandeur", "c1")))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app_trusting()), base_url="http://t"
    ) as http:
        with pytest.raises(RequestRefused):
            await InternalApiClient(http, TOKENS, applicant).request("GET", "/qui")


def _signed(tokens: ActorTokens, claims: dict[str, object], **over: object) -> dict[str, str]:
    now = int(time.time())
    base = {"iss": ISSUER, "aud": ACTOR_AUDIENCE, "iat": now, "exp": now + 60}
    token = jwt.encode({"alg": "ES256", "kid": tokens.key.kid}, {**base, **claims, **over}, tokens.key)
    return {"Authorization": f"Bearer {token}"}
