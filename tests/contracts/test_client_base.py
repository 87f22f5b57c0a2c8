"""Every internal API client: who calls, ids kept in their path segment, and one error policy."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from contracts.clients.base import (
    Conflict,
    InternalApiClient,
    NotFound,
    RequestRefused,
    ServiceUnavailable,
    path,
)
from plumbing.actors import Actor, actor_from_token
from plumbing.correlation import bind_correlation_id
from tests.support.actor_tokens import TEST_TOKENS
from tests.support.ports import free_port

pytestmark = pytest.mark.unit


def echo_app() -> FastAPI:
    app = FastAPI()

    @app.get("/dossiers/{dossier_id}/pieces")
    async def pieces(dossier_id: str, request: Request) -> dict[str, Any]:
        return {"dossierId": dossier_id, "headers": dict(request.headers)}

    @app.get("/statut/{code}")
    async def statut(code: int) -> JSONResponse:
        if code == 422:
            return JSONResponse(
                {
                    "detail": "Données invalides.",
                    "erreurs": [{"champ": "codePostal", "message": "5 chiffres"}],
                },
                status_code=422,
            )
        raise HTTPException(code, detail="Dossier introuvable." if code == 404 else "Refusé.")

    return app


def client() -> InternalApiClient:
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=echo_app()), base_url="http://documents")
    return InternalApiClient(http, TEST_TOKENS, Actor("demandeur", "compte-1"))


def test_path_keeps_each_id_in_its_segment() -> None:
    assert path("dossiers", "../agent/dossiers", "pieces") == "/dossiers/..%2Fagent%2Fdossiers/pieces"
    assert path("dossiers", "a b?c#d") == "/dossiers/a%20b%3Fc%23d"


async def test_calls_carry_the_actor_token_and_the_correlation_id() -> None:
    bind_correlation_id("corr-42")
    body = (await client().request("GET", path("dossiers", "d 1?x", "pieces"))).json()
    assert body["dossierId"] == "d 1?x"
    token = body["headers"]["authorization"].removeprefix("Bearer ")
    assert actor_from_token(token) == Actor("demandeur", "compte-1")
    assert "x-acteur" not in body["headers"]
    assert body["headers"]["x-correlation-id"] == "corr-42"


async def test_a_visitor_s_session_token_is_sent_as_it_came_from_identity() -> None:
    visitor = actor_from_token(TEST_TOKENS.sign(Actor("agent", "a1", frozenset({"59"}))))
    body = (await client().as_actor(visitor).request("GET", path("dossiers", "d", "pieces"))).json()
    assert body["headers"]["authorization"] == f"Bearer {visitor.token}"


@pytest.mark.parametrize(
    ("status", "error", "detail"),
    [(404, NotFound, "Dossier introuvable."), (409, Conflict, "Refusé."), (403, RequestRefused, "Refusé.")],
)
async def test_refusals_carry_the_services_french_detail(status: int, error: type, detail: str) -> None:
    with pytest.raises(error) as raised:
        await client().request("GET", f"/statut/{status}")
    assert (raised.value.status, raised.value.detail) == (status, detail)


async def test_bad_input_carries_the_fields_in_error() -> None:
    with pytest.raises(RequestRefused) as raised:
        await client().request("GET", "/statut/422")
    assert raised.value.erreurs == [{"champ": "codePostal", "message": "5 chiffres"}]


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_failures_and_throttling_are_worth_retrying(status: int) -> None:
    with pytest.raises(ServiceUnavailable, match=f"HTTP {status}"):
        await client().request("GET", f"/statut/{status}")


async def test_an_unreachable_service_is_worth_retrying() -> None:
    http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{free_port()}")
    unreachable = InternalApiClient(http, TEST_TOKENS, Actor("service", "pdf"))
    with pytest.raises(ServiceUnavailable, match="injoignable"):
        await unreachable.request("GET", "/catalogue")
    await http.aclose()


def test_a_client_acts_for_another_actor_with_the_same_connection() -> None:
    original = client()
    other = original.as_actor(Actor("agent", "a-1", frozenset({"59"})))
    assert other.http is original.http
    assert other.actor.id == "a-1"
