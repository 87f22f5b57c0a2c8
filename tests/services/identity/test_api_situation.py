"""« Je déclare un changement de situation »: the applicant's new address, its proof, its history."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from contracts.clients.base import NotFound, RequestRefused, ServiceUnavailable
from contracts.clients.identity import IdentityClient
from contracts.identity import Adresse, DeclarationAdresse, JustificatifDomicile
from plumbing.actors import Actor
from services.identity.api.errors import SERVICE_INDISPONIBLE
from services.identity.domain.situation import ADRESSE_INCHANGEE, CODE_POSTAL_INVALIDE
from services.identity.storage.tables import outbox
from services.identity.usecases.situation import JUSTIFICATIF_INTROUVABLE
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import HorlogeReglable, JustificatifsFactices, en_tant_que
from tests.services.identity.test_api_fiches import id_du_compte
from tests.support.actor_tokens import TEST_TOKENS

pytestmark = pytest.mark.integration

ARRAS = {"numeroVoie": "3", "voie": "rue  Gambetta", "codePostal": "62000", "ville": "Arras"}
JUSTIFICATIF = {"dossierId": "adresse-1", "fichierId": "f1"}


def declaration(adresse: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"adresse": adresse or ARRAS, "justificatif": JUSTIFICATIF}


@pytest.fixture(autouse=True)
def preuve_de_sept(deps: IdentityParts, justificatifs: JustificatifsFactices) -> None:
    """SEPT has sent the proof JUSTIFICATIF to documents."""
    sept = id_du_compte(deps, "5903007178")
    justificatifs.deposer(Actor("demandeur", sept), JustificatifDomicile.model_validate(JUSTIFICATIF))


async def test_le_demandeur_declare_sa_nouvelle_adresse_datee_dans_l_historique(
    client: httpx.AsyncClient,
    deps: IdentityParts,
    horloge: HorlogeReglable,
    justificatifs: JustificatifsFactices,
) -> None:
    sept = id_du_compte(deps, "5903007178")
    moi = en_tant_que(Actor("demandeur", sept))
    reponse = await client.post(f"/demandeurs/{sept}/adresses", json=declaration(), headers=moi)
    assert reponse.status_code == 201, reponse.text
    changement = reponse.json()
    assert changement["declarePar"] == sept and changement["prefecture"] == "62"
    assert changement["ancienne"]["ville"] == "LILLE"
    assert changement["nouvelle"] == {
        "numeroVoie": "3",
        "voie": "RUE GAMBETTA",
        "complement": None,
        "codePostal": "62000",
        "ville": "ARRAS",
        "pays": "FRANCE",
        "codeInsee": None,
    }
    assert changement["justificatif"] == JUSTIFICATIF
    assert changement["declareLe"].startswith("2026-03-02T09:00:00")
    assert justificatifs.scelles == [("adresse-1", "62")]  # frozen, for the Pas-de-Calais's agents
    fiche = (await client.get(f"/demandeurs/{sept}", headers=moi)).json()
    assert fiche["adresse"]["ville"] == "ARRAS" and fiche["prefecture"] == "62"

    horloge.avancer(days=30)
    lens = {"voie": "place Jean Jaurès", "codePostal": "62300", "ville": "Lens"}
    await client.post(f"/demandeurs/{sept}/adresses", json=declaration(lens), headers=moi)
    historique = (await client.get(f"/demandeurs/{sept}/adresses", headers=moi)).json()
    assert [(c["ancienne"]["ville"], c["nouvelle"]["ville"]) for c in historique] == [
        ("ARRAS", "LENS"),
        ("LILLE", "ARRAS"),
    ]
    with deps.unit_of_work.sessions() as session:
        evenements = session.execute(
            select(outbox.c.payload).where(outbox.c.subject == "identity.adresse.declaree")
        ).scalars()
        assert [set(e) for e in evenements] == [{"demandeurId", "changementId"}] * 2  # ids only


async def test_seul_le_demandeur_lui_meme_declare_pour_sa_fiche(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    sept, onze = id_du_compte(deps, "5903007178"), id_du_compte(deps, "6203007181")
    for acteur in (
        Actor("demandeur", onze),
        Actor("agent", "a1", frozenset({"59"}), frozenset({"instructeur"})),
        Actor("service", "gateway"),
    ):
        reponse = await client.post(
            f"/demandeurs/{sept}/adresses", json=declaration(), headers=en_tant_que(acteur)
        )
        assert reponse.status_code == 404
        assert reponse.json() == {"detail": "Demandeur introuvable."}
    moi = en_tant_que(Actor("demandeur", sept))
    assert (await client.get(f"/demandeurs/{sept}/adresses", headers=moi)).json() == []
    autre = en_tant_que(Actor("demandeur", onze))
    assert (await client.get(f"/demandeurs/{sept}/adresses", headers=autre)).status_code == 404


@pytest.mark.parametrize(
    ("adresse", "message"),
    [
        ({**ARRAS, "codePostal": "620"}, CODE_POSTAL_INVALIDE),
        ({"voie": "20 rue nationale", "codePostal": "59000", "ville": "lille"}, None),
        ({"voie": " ", "codePostal": "62000", "ville": "Arras"}, "Saisissez la voie"),
    ],
)
async def test_une_adresse_incomplete_ou_inchangee_est_refusee_en_francais(
    client: httpx.AsyncClient, deps: IdentityParts, adresse: dict[str, Any], message: str | None
) -> None:
    sept = id_du_compte(deps, "5903007178")
    moi = en_tant_que(Actor("demandeur", sept))
    if message is None:  # the register's own address, typed again
        fiche = (await client.get(f"/demandeurs/{sept}", headers=moi)).json()
        adresse, message = fiche["adresse"], ADRESSE_INCHANGEE
    reponse = await client.post(f"/demandeurs/{sept}/adresses", json=declaration(adresse), headers=moi)
    assert reponse.status_code == 422
    assert reponse.json()["detail"].startswith(message)
    assert (await client.get(f"/demandeurs/{sept}/adresses", headers=moi)).json() == []


async def test_le_client_type_declare_et_relit_l_historique(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    sept = id_du_compte(deps, "5903007178")
    identity = IdentityClient(client, TEST_TOKENS, Actor("service", "gateway")).as_actor(
        Actor("demandeur", sept)
    )
    demande = DeclarationAdresse(
        adresse=Adresse(voie="RUE GAMBETTA", code_postal="62000", ville="ARRAS"),
        justificatif=JustificatifDomicile.model_validate(JUSTIFICATIF),
    )
    changement = await identity.declarer_adresse(sept, demande)
    assert changement.nouvelle.ville == "ARRAS"
    assert [c.id for c in await identity.historique_adresses(sept)] == [changement.id]
    with pytest.raises(RequestRefused) as refus:
        await identity.declarer_adresse(sept, demande)
    assert refus.value.status == 422 and refus.value.detail == ADRESSE_INCHANGEE
    with pytest.raises(NotFound):
        await identity.as_actor(Actor("demandeur", "autre")).declarer_adresse(sept, demande)


async def test_un_justificatif_qui_n_est_pas_du_demandeur_est_refuse(
    client: httpx.AsyncClient, deps: IdentityParts, justificatifs: JustificatifsFactices
) -> None:
    sept, onze = id_du_compte(deps, "5903007178"), id_du_compte(deps, "6203007181")
    chez_onze = {"dossierId": "adresse-9", "fichierId": "f9"}
    justificatifs.deposer(Actor("demandeur", onze), JustificatifDomicile.model_validate(chez_onze))
    moi = en_tant_que(Actor("demandeur", sept))
    for preuve in (chez_onze, {"dossierId": "adresse-1", "fichierId": "inconnu"}):
        reponse = await client.post(
            f"/demandeurs/{sept}/adresses", json={"adresse": ARRAS, "justificatif": preuve}, headers=moi
        )
        assert reponse.status_code == 422
        assert reponse.json() == {"detail": JUSTIFICATIF_INTROUVABLE}
    assert justificatifs.scelles == []
    assert (await client.get(f"/demandeurs/{sept}", headers=moi)).json()["adresse"]["ville"] == "LILLE"


async def test_documents_indisponible_repond_503_en_francais(
    client: httpx.AsyncClient, deps: IdentityParts, justificatifs: JustificatifsFactices
) -> None:
    async def en_panne(*_args: object) -> bool:
        raise ServiceUnavailable("Service documents injoignable (ConnectError).")

    justificatifs.verifier = en_panne  # type: ignore[method-assign]
    sept = id_du_compte(deps, "5903007178")
    reponse = await client.post(
        f"/demandeurs/{sept}/adresses", json=declaration(), headers=en_tant_que(Actor("demandeur", sept))
    )
    assert reponse.status_code == 503
    assert reponse.json() == {"detail": SERVICE_INDISPONIBLE}
