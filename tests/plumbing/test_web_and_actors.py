"""The app factory and the internal-API actor check, seen from a caller."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter
from pydantic import BaseModel

from plumbing.actors import Actor, actor_from_claims, actor_from_token
from plumbing.authentication import CurrentActor
from plumbing.correlation import HEADER
from plumbing.erreurs_requete import detail_http, message_francais
from plumbing.web import create_app
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.unit

SERVICE = TEST_TOKENS.headers(Actor("service", "test"))


class Body(BaseModel):
    numero: int


def example_app(ready: bool = True):  # type: ignore[no-untyped-def]
    async def check() -> bool:
        return ready

    app = trust_test_tokens(create_app("exemple", {"base": check}))
    router = APIRouter()

    @router.post("/objets")
    async def create(body: Body, actor: CurrentActor) -> dict[str, str]:
        acteur = (
            f"{actor.kind}:{actor.id};{','.join(sorted(actor.prefectures))};{','.join(sorted(actor.roles))}"
        )
        return {"acteur": acteur, "numero": str(body.numero)}

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


async def test_internal_api_requires_an_actor_token() -> None:
    actor = Actor("agent", "a1", frozenset({"59"}), frozenset({"instructeur"}))
    ok = await call(example_app(), "POST", "/objets", json={"numero": 1}, headers=TEST_TOKENS.headers(actor))
    assert ok.json() == {"acteur": "agent:a1;59;instructeur", "numero": "1"}
    no_token = await call(example_app(), "POST", "/objets", json={"numero": 1})
    assert no_token.status_code == 401
    assert no_token.json()["detail"] == "Jeton d'acteur absent, invalide ou expiré."
    # the former shared token and a declared actor are no proof of anything
    declared = {"Authorization": "Bearer dev-secret-change-me", "X-Acteur": "service:test"}
    refused = await call(example_app(), "POST", "/objets", json={"numero": 1}, headers=declared)
    assert refused.status_code == 401


async def test_a_token_with_accented_letters_is_refused_not_a_server_error() -> None:
    """`hmac.compare_digest` refuses a str with non-ASCII characters: compared as bytes, a Latin-1
    header (what the server decodes) is a wrong token like any other."""
    headers = {"Authorization": "Bearer jéton".encode("latin-1"), "X-Acteur": b"service:test"}
    refused = await call(example_app(), "POST", "/objets", json={"numero": 1}, headers=headers)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Jeton d'acteur absent, invalide ou expiré."


async def test_invalid_input_gets_a_french_message_per_field() -> None:
    response = await call(
        example_app(),
        "POST",
        "/objets",
        json={"numero": "douze"},
        headers=SERVICE,
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "La requête contient des données invalides.",
        "erreurs": [{"champ": "numero", "message": "Nombre entier attendu."}],
    }
    missing = await call(example_app(), "POST", "/objets", json={}, headers=SERVICE)
    assert missing.json()["erreurs"] == [{"champ": "numero", "message": "Ce champ est obligatoire."}]


async def test_malformed_json_is_a_400_in_french() -> None:
    response = await call(
        example_app(),
        "POST",
        "/objets",
        content=b'{"numero": ',
        headers={**SERVICE, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Le corps de la requête n'est pas un JSON valide."}


async def test_starlettes_own_refusals_are_in_french() -> None:
    unknown = await call(example_app(), "GET", "/inconnu", headers=SERVICE)
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Ressource introuvable."}
    wrong_method = await call(example_app(), "DELETE", "/objets", headers=SERVICE)
    assert wrong_method.status_code == 405
    assert wrong_method.json() == {"detail": "Méthode non autorisée pour cette ressource."}
    assert "allow" in wrong_method.headers


@pytest.mark.parametrize(
    ("erreur", "message"),
    [
        (
            {"type": "enum", "ctx": {"expected": "'a', 'b' or 'c'"}},
            "Valeur non autorisée : choisissez parmi 'a', 'b' ou 'c'.",
        ),
        (
            {"type": "string_too_long", "ctx": {"max_length": 30}},
            "Ce champ ne doit pas dépasser 30 caractères.",
        ),
        ({"type": "string_too_short", "ctx": {"min_length": 1}}, "Ce champ est obligatoire."),
        ({"type": "date_from_datetime_parsing"}, "Date invalide : format attendu AAAA-MM-JJ."),
        ({"type": "un_type_inconnu"}, "Valeur invalide."),
    ],
)
def test_pydantic_errors_are_translated(erreur: dict[str, object], message: str) -> None:
    assert message_francais(erreur) == message


def test_only_starlettes_english_details_are_replaced() -> None:
    assert (
        detail_http(400, "Invalid multipart data.")
        == "Le formulaire envoyé est mal formé ou trop volumineux."
    )
    assert detail_http(400, "Too many files. Maximum number of files is 1000.").startswith("Le formulaire")
    assert detail_http(404, "Not Found") == "Ressource introuvable."
    assert detail_http(404, "Dossier introuvable.") == "Dossier introuvable."
    assert detail_http(422, {"erreurs": []}) == {"erreurs": []}


def test_actors_round_trip_and_rights() -> None:
    agent = Actor("agent", "7", frozenset({"59", "62"}), frozenset({"valideur"}))
    assert agent.may_instruct("62") and not agent.may_instruct("75")
    read = actor_from_token(TEST_TOKENS.sign(agent))
    assert read == agent and read.token
    assert Actor("service", "pdf").may_instruct("75")
    assert not Actor("demandeur", "9").may_instruct("59")
    with pytest.raises(ValueError):
        actor_from_claims({"acteur": "agent", "sub": ""})
    with pytest.raises(ValueError):
        actor_from_token("pas-un-jeton")


async def test_an_unexpected_failure_answers_500_in_french_without_details(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = create_app("exemple")

    @app.get("/panne")
    async def panne() -> None:
        raise RuntimeError("dupont@example.org")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/panne")
    assert response.status_code == 500
    assert response.json() == {"detail": "Une erreur interne est survenue. Veuillez réessayer plus tard."}
    ours = [r for r in caplog.records if r.name == "plumbing.web"]
    assert ours and all("dupont" not in r.getMessage() + repr(r.__dict__) for r in ours)
