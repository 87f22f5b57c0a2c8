"""The app factory and the internal-API actor check, seen from a caller."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter
from pydantic import BaseModel

from plumbing.actors import Actor, CurrentActor, internal_headers, parse_actor
from plumbing.correlation import HEADER
from plumbing.web import create_app

pytestmark = pytest.mark.unit

TOKEN = "jeton-de-test"


class Body(BaseModel):
    numero: int


def example_app(ready: bool = True):  # type: ignore[no-untyped-def]
    async def check() -> bool:
        return ready

    app = create_app("exemple", {"base": check})
    app.state.internal_api_token = TOKEN
    router = APIRouter()

    @router.post("/objets")
    async def create(body: Body, actor: CurrentActor) -> dict[str, str]:
        return {"acteur": actor.header(), "numero": str(body.numero)}

    app.include_router(router)
    return app


async def call(app, method: str, url: str, **kwargs):  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        return await client.request(method, url, **kwargs)


async def test_health_readiness_and_metrics() -> None:
    assert (await call(example_app(), "GET", "/healthz")).json() == {"status": "ok"}
    assert (await call(example_app(), "GET", "/readyz")).json() == {"status": "ok", "base": "ok"}
    down = await call(example_app(ready=False), "GET", "/readyz")
    assert down.status_code == 503 and down.json()["base"] == "indisponible"
    metrics = await call(example_app(), "GET", "/metrics")
    assert "http_requests_total" in metrics.text


async def test_the_correlation_id_is_echoed_or_created() -> None:
    given = await call(example_app(), "GET", "/healthz", headers={HEADER: "c0ffee"})
    assert given.headers[HEADER] == "c0ffee"
    created = await call(example_app(), "GET", "/healthz")
    assert len(created.headers[HEADER]) == 32


async def test_internal_api_requires_the_token_and_an_actor() -> None:
    actor = Actor("agent", "a1", frozenset({"59"}), frozenset({"instructeur"}))
    ok = await call(
        example_app(), "POST", "/objets", json={"numero": 1}, headers=internal_headers(TOKEN, actor)
    )
    assert ok.json() == {"acteur": "agent:a1;prefectures=59;roles=instructeur", "numero": "1"}
    no_token = await call(example_app(), "POST", "/objets", json={"numero": 1})
    assert no_token.status_code == 401 and no_token.json()["detail"] == "Authentification interne requise."
    wrong = await call(
        example_app(), "POST", "/objets", json={"numero": 1}, headers=internal_headers("x", actor)
    )
    assert wrong.status_code == 401
    bad_actor = await call(
        example_app(),
        "POST",
        "/objets",
        json={"numero": 1},
        headers={"Authorization": f"Bearer {TOKEN}", "X-Acteur": "pirate:1"},
    )
    assert bad_actor.status_code == 403


async def test_invalid_input_gets_a_french_message_per_field() -> None:
    response = await call(
        example_app(),
        "POST",
        "/objets",
        json={"numero": "douze"},
        headers=internal_headers(TOKEN, Actor("service", "test")),
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "La requête contient des données invalides."
    assert response.json()["erreurs"][0]["champ"] == "numero"


def test_actors_round_trip_and_rights() -> None:
    agent = parse_actor("agent:7;prefectures=59,62;roles=valideur")
    assert agent.may_instruct("62") and not agent.may_instruct("75")
    assert parse_actor(agent.header()) == agent
    assert parse_actor("service:pdf").may_instruct("75")
    assert not parse_actor("demandeur:9").may_instruct("59")
    with pytest.raises(ValueError):
        parse_actor("agent:")
