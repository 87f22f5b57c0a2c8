"""The internal API against `build_app`, with the documents service stand-in behind the port."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from plumbing.actors import Actor
from plumbing.settings import PlatformSettings
from services.pdf.domain.ports import DepotIndisponible
from services.pdf.usecases.generation import GenerationDocuments
from services.pdf.wiring import build_app
from tests.services.pdf.donnees import NUMERO_DEMANDE, variables_processus
from tests.services.pdf.outils_pdf import texte
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration
AGENT = TEST_TOKENS.headers(Actor("agent", "agt-1", frozenset({"59"}), frozenset({"instructeur"})))


@pytest.fixture
async def client(generation: GenerationDocuments) -> AsyncIterator[httpx.AsyncClient]:
    platform = PlatformSettings()
    app = trust_test_tokens(build_app(platform, generation))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://pdf") as client:
        yield client


async def test_the_templates_are_listed(client: httpx.AsyncClient) -> None:
    reponse = await client.get("/modeles", headers=AGENT)
    assert reponse.status_code == 200
    modeles = {m["modele"]: m["titre"] for m in reponse.json()}
    assert set(modeles) == {
        "confirmation-depot",
        "attestation-prolongation",
        "attestation-decision-favorable",
        "decision-refus",
        "liste-pieces",
    }
    assert modeles["liste-pieces"] == "Liste des documents justificatifs à fournir"


async def test_a_preview_is_the_pdf(client: httpx.AsyncClient, tmp_path: Path) -> None:
    reponse = await client.post("/rendus/confirmation-depot", json=variables_processus(), headers=AGENT)
    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/pdf"
    assert f'filename="confirmation-depot-{NUMERO_DEMANDE}.pdf"' in reponse.headers["content-disposition"]
    assert "CONFIRMATION DU DÉPÔT" in texte(reponse.content, tmp_path)


async def test_the_list_of_pieces_is_fetched_from_the_catalogue(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    demandeur = TEST_TOKENS.headers(Actor("demandeur", "cpt-7"))
    reponse = await client.post("/rendus/liste-pieces", json={}, headers=demandeur)
    assert reponse.status_code == 200
    contenu = texte(reponse.content, tmp_path)
    assert "DIRECTION DES ÉTRANGERS EN FRANCE" in contenu and "CAS 1" not in contenu
    assert "Insertion dans la société française" in contenu
    assert "Accord du parent/représentant légal ou du mandataire" not in contenu  # not in the guide's annexe


async def test_an_applicant_may_not_have_an_official_document_made_of_their_own_data(
    client: httpx.AsyncClient,
) -> None:
    demandeur = TEST_TOKENS.headers(Actor("demandeur", "cpt-7"))
    reponse = await client.post(
        "/rendus/attestation-decision-favorable", json=variables_processus(), headers=demandeur
    )
    assert reponse.status_code == 403
    assert reponse.json() == {
        "detail": "Seuls les agents et les services peuvent obtenir un aperçu de ce document."
    }


async def test_an_unknown_template_is_not_found(client: httpx.AsyncClient) -> None:
    reponse = await client.post("/rendus/titre-disponible", json={}, headers=AGENT)
    assert reponse.status_code == 404
    assert reponse.json() == {"detail": "Modèle de document inconnu : « titre-disponible »."}


async def test_missing_data_is_named_in_french(client: httpx.AsyncClient) -> None:
    variables = variables_processus()
    del variables["dateDepot"], variables["demandeur"]["nom"]
    reponse = await client.post("/rendus/confirmation-depot", json=variables, headers=AGENT)
    assert reponse.status_code == 422
    corps = reponse.json()
    assert corps["detail"].startswith(
        "Données manquantes ou invalides pour le document « confirmation-depot »"
    )
    assert {"champ": "dateDepot", "message": "manquant"} in corps["erreurs"]
    assert {"champ": "demandeur.nom", "message": "manquant"} in corps["erreurs"]
    assert (
        await client.post("/rendus/liste-pieces", json={"annexe": {"titre": 1}}, headers=AGENT)
    ).status_code == 422


async def test_the_body_must_be_a_json_object(client: httpx.AsyncClient) -> None:
    reponse = await client.post("/rendus/confirmation-depot", json=["pas", "un", "objet"], headers=AGENT)
    assert reponse.status_code == 422
    assert reponse.json()["detail"] == "La requête contient des données invalides."


async def test_the_internal_token_is_required(client: httpx.AsyncClient) -> None:
    reponse = await client.get("/modeles")
    assert reponse.status_code == 401
    assert reponse.json() == {"detail": "Jeton d'acteur absent, invalide ou expiré."}


async def test_a_catalogue_outage_answers_503(
    client: httpx.AsyncClient, generation: GenerationDocuments, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def en_panne() -> None:
        raise DepotIndisponible("Service documents en échec (HTTP 500).")

    monkeypatch.setattr(generation.depot, "annexe", en_panne)
    reponse = await client.post("/rendus/liste-pieces", json={"cas": "majeur"}, headers=AGENT)
    assert reponse.status_code == 503
    assert "momentanément indisponible" in reponse.json()["detail"]
