"""The per-account lockout under parallel guesses, and the owner's way around a stranger's lockout,
on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import httpx
import pytest

from plumbing.settings import PlatformSettings
from services.identity.adapters.crypto import Argon2Hacheur
from services.identity.api import hachages
from services.identity.domain.ports import Depots
from services.identity.domain.registre import Titre
from services.identity.storage.registre import SqlRegistre
from services.identity.wiring import IdentityParts, build_app
from tests.services.identity.conftest import (
    GATEWAY,
    HorlogeReglable,
    build_deps,
    courriels_demandes,
)
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration

SEPT = {"identifiant": "5903007178", "motDePasse": "Tournesol.Lille59!"}
BLOQUE = "Trop de tentatives. Pour votre sécurité, réessayez dans quelques minutes."


@pytest.fixture
def base(sqlite_url: str, horloge: HorlogeReglable) -> Iterator[IdentityParts]:
    deps = build_deps(sqlite_url, horloge)
    yield deps
    deps.engine.dispose()


@pytest.fixture
def base_sql(database_url: str, horloge: HorlogeReglable) -> Iterator[IdentityParts]:
    """The same on SQLite and on PostgreSQL, where the counting's atomicity is the database's."""
    deps = build_deps(database_url, horloge)
    yield deps
    deps.engine.dispose()


@asynccontextmanager
async def api(deps: IdentityParts, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[httpx.AsyncClient]:
    # as many attempts checked at once as a big server would: the race must not depend on the cores
    monkeypatch.setattr(hachages.os, "cpu_count", lambda: 8)
    app = trust_test_tokens(build_app(PlatformSettings(), deps))
    transport = httpx.ASGITransport(app=app)
    headers = TEST_TOKENS.headers(GATEWAY)
    async with httpx.AsyncClient(transport=transport, base_url="http://identity", headers=headers) as c:
        yield c


@pytest.fixture
async def client(base: IdentityParts, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[httpx.AsyncClient]:
    async with api(base, monkeypatch) as c:
        yield c


def compter_les_verifications(deps: IdentityParts, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password actually checked (slowed down a little, as argon2 is)."""
    verifiees: list[str] = []
    hacheur = deps.outils.hacheur
    verifier = hacheur.verifier

    def compter(empreinte: str, mot_de_passe: str) -> bool:
        verifiees.append(mot_de_passe)
        time.sleep(0.02)
        return verifier(empreinte, mot_de_passe)

    monkeypatch.setattr(hacheur, "verifier", compter)
    return verifiees


async def connecter(client: httpx.AsyncClient, **corps: str | None) -> httpx.Response:
    return await client.post("/sessions", json={**SEPT, **corps})


async def test_quarante_essais_en_parallele_n_en_verifient_que_cinq(
    base_sql: IdentityParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    verifications = compter_les_verifications(base_sql, monkeypatch)
    async with api(base_sql, monkeypatch) as client:
        reponses = await asyncio.gather(*[connecter(client, motDePasse=f"Faux.{n}!") for n in range(40)])
        statuts = sorted(r.status_code for r in reponses)
        assert len(verifications) <= 5
        assert statuts.count(401) == len(verifications)
        assert statuts.count(429) == 40 - len(verifications) >= 35
        assert {r.json()["detail"] for r in reponses if r.status_code == 429} == {BLOQUE}
        assert (await connecter(client)).status_code == 429  # the right password too, until it ends


def compter_les_recherches_de_titre(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every title looked up in the register by the account-creation form (slowed down a little)."""
    recherches: list[str] = []
    chercher = SqlRegistre.titre_par_numero

    def compter(registre: SqlRegistre, numero: str) -> Titre | None:
        recherches.append(numero)
        time.sleep(0.02)
        return chercher(registre, numero)

    monkeypatch.setattr(SqlRegistre, "titre_par_numero", compter)
    return recherches


async def test_quarante_creations_de_compte_en_parallele_ne_verifient_que_les_essais_permis(
    base_sql: IdentityParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guessing titles from one address: the attempts allowed, however many arrive at once."""
    permis = base_sql.outils.reglages.limitation_adresse.max_echecs
    recherches = compter_les_recherches_de_titre(monkeypatch)
    corps = {
        "numeroTitre": "9900000042",
        "dateDebutValidite": "2021-01-01",
        "dateFinValidite": "2022-01-01",
        "courriel": "devin@exemple.fr",
        "confirmationCourriel": "devin@exemple.fr",
        "adresseClient": "198.51.100.7",
    }
    async with api(base_sql, monkeypatch) as client:
        reponses = await asyncio.gather(*[client.post("/comptes", json=corps) for _ in range(40)])
    statuts = [r.status_code for r in reponses]
    assert len(recherches) == statuts.count(422) <= permis < 40
    assert statuts.count(429) == 40 - len(recherches)


async def test_quarante_demandes_de_mot_de_passe_oublie_en_parallele_n_envoient_que_les_courriels_permis(
    base_sql: IdentityParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    permis = base_sql.outils.reglages.limitation_identifiant.max_echecs
    async with api(base_sql, monkeypatch) as client:
        oubli = {"identifiant": SEPT["identifiant"]}
        reponses = await asyncio.gather(*[client.post("/mots-de-passe/oubli", json=oubli) for _ in range(40)])
    statuts = [r.status_code for r in reponses]
    envoyes = courriels_demandes(base_sql)
    assert len(envoyes) == statuts.count(202) <= permis < 40
    assert statuts.count(429) == 40 - len(envoyes)


async def test_le_proprietaire_est_prevenu_par_courriel_une_fois(
    client: httpx.AsyncClient, base: IdentityParts
) -> None:
    for n in range(7):
        await connecter(client, motDePasse=f"Faux.{n}!")
    courriels = [c for c in courriels_demandes(base) if c["modele"] == "compte-bloque"]
    assert len(courriels) == 1
    assert courriels[0]["destinataire"] == "septetranger@yopmail.com"
    assert courriels[0]["donnees"]["lien"] == "https://demarches.test/compte/mot-de-passe-oublie"


async def test_un_inconnu_bloque_l_identifiant_mais_pas_le_navigateur_du_proprietaire(
    client: httpx.AsyncClient,
) -> None:
    appareil = (await connecter(client, adresseClient="198.51.100.7")).json()["appareil"]
    assert appareil
    for n in range(5):
        await connecter(client, motDePasse=f"Faux.{n}!", adresseClient="203.0.113.9")
    assert (await connecter(client, adresseClient="203.0.113.9")).status_code == 429
    assert (await connecter(client, adresseClient="198.51.100.7")).status_code == 429  # a new browser
    # the owner's browser still signs in, and gets a new device token
    reponse = await connecter(client, appareil=appareil, adresseClient="198.51.100.7")
    assert reponse.status_code == 201
    assert reponse.json()["appareil"]


async def test_le_jeton_d_appareil_ne_vaut_que_pour_son_compte_et_ne_se_forge_pas(
    client: httpx.AsyncClient,
) -> None:
    appareil_onze = (await connecter(client, identifiant="6203007181", motDePasse="Beffroi.Arras62!")).json()[
        "appareil"
    ]
    for n in range(5):
        await connecter(client, motDePasse=f"Faux.{n}!")
    for faux in (appareil_onze, appareil_onze[:-2] + "xx", "n'importe quoi"):
        assert (await connecter(client, appareil=faux)).status_code == 429


async def test_depuis_son_navigateur_le_proprietaire_a_aussi_une_limite(
    client: httpx.AsyncClient, base: IdentityParts
) -> None:
    appareil = (await connecter(client)).json()["appareil"]
    for n in range(5):
        assert (await connecter(client, motDePasse=f"Faux.{n}!", appareil=appareil)).status_code == 401
    assert (await connecter(client, appareil=appareil)).status_code == 429
    assert not [c for c in courriels_demandes(base) if c["modele"] == "compte-bloque"]  # only this browser
    # a stranger's budget is untouched by the device's failures
    assert (await connecter(client)).status_code == 201


async def test_un_agent_garde_aussi_son_navigateur(client: httpx.AsyncClient) -> None:
    agent = {"identifiant": "instructeur.nord", "motDePasse": "Instruction-Nord-59"}
    appareil = (await client.post("/agents/sessions", json=agent)).json()["appareil"]
    for n in range(5):
        await client.post("/agents/sessions", json={**agent, "motDePasse": f"Faux.{n}"})
    assert (await client.post("/agents/sessions", json=agent)).status_code == 429
    reponse = await client.post("/agents/sessions", json={**agent, "appareil": appareil})
    assert reponse.status_code == 201


async def test_une_empreinte_d_anciens_reglages_est_refaite_a_la_connexion(
    client: httpx.AsyncClient, base: IdentityParts
) -> None:
    ancienne = Argon2Hacheur(1, 8, 1).hacher(SEPT["motDePasse"])

    def vieillir(d: Depots) -> None:
        compte = d.demandeurs.par_identifiant(SEPT["identifiant"])
        assert compte is not None
        compte.mot_de_passe = ancienne
        d.demandeurs.enregistrer(compte)

    base.unit_of_work.run(vieillir)
    assert (await connecter(client)).status_code == 201
    compte = base.unit_of_work.run(lambda d: d.demandeurs.par_identifiant(SEPT["identifiant"]))
    assert compte is not None and compte.mot_de_passe not in (None, ancienne)
    assert not base.outils.hacheur.a_rehacher(compte.mot_de_passe or "")
    assert (await connecter(client)).status_code == 201
