"""Who may read an applicant's fiche or an agent: 404 for anyone else."""

from __future__ import annotations

import httpx
import pytest

from plumbing.actors import Actor
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import en_tant_que

pytestmark = pytest.mark.integration


def id_du_compte(deps: IdentityParts, identifiant: str) -> str:
    with deps.unit_of_work.transaction() as d:
        compte = d.demandeurs.par_identifiant(identifiant)
    assert compte is not None
    return compte.id


def agent(*prefectures: str) -> Actor:
    return Actor("agent", "a1", frozenset(prefectures), frozenset({"instructeur"}))


async def test_le_demandeur_lit_sa_fiche(client: httpx.AsyncClient, deps: IdentityParts) -> None:
    sept = id_du_compte(deps, "5903007178")
    reponse = await client.get(f"/demandeurs/{sept}", headers=en_tant_que(Actor("demandeur", sept)))
    assert reponse.status_code == 200
    fiche = reponse.json()
    assert fiche["id"] == sept
    assert fiche["etatCivil"] == {
        "nomNaissance": "ETRANGER",
        "nomUsage": "INC",
        "prenoms": "Sept",
        "sexe": "F",
        "dateNaissance": "2006-07-01",
        "paysNaissance": "Bresil",
        "lieuNaissance": "Brasilia",
        "nationalite": "Brésilienne",
        "emancipe": False,
    }
    assert fiche["adresse"]["codeInsee"] == "59350"
    assert fiche["titreEnCours"]["type"] == "MNA placé avant 16 ans"
    assert fiche["prefecture"] == "59"


async def test_personne_d_autre_ne_la_lit(client: httpx.AsyncClient, deps: IdentityParts) -> None:
    sept, onze = id_du_compte(deps, "5903007178"), id_du_compte(deps, "6203007181")
    for acteur in (
        Actor("demandeur", onze),
        agent("62"),
        Actor("agent", "admin", frozenset(), frozenset({"admin"})),
    ):
        reponse = await client.get(f"/demandeurs/{sept}", headers=en_tant_que(acteur))
        assert reponse.status_code == 404
        assert reponse.json() == {"detail": "Demandeur introuvable."}


async def test_un_agent_de_la_prefecture_et_les_services_la_lisent(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    onze = id_du_compte(deps, "6203007181")
    for acteur in (agent("62"), agent("59", "62"), Actor("service", "dossier")):
        assert (await client.get(f"/demandeurs/{onze}", headers=en_tant_que(acteur))).status_code == 200
    assert (
        await client.get("/demandeurs/inconnu", headers=en_tant_que(Actor("service", "dossier")))
    ).status_code == 404


async def test_sans_jeton_interne_rien_n_est_lu(client: httpx.AsyncClient, deps: IdentityParts) -> None:
    sept = id_du_compte(deps, "5903007178")
    reponse = await client.get(f"/demandeurs/{sept}", headers={"Authorization": "Bearer faux"})
    assert reponse.status_code == 401
    assert reponse.json() == {"detail": "Jeton d'acteur absent, invalide ou expiré."}


async def test_un_agent_se_lit_lui_meme_et_l_administrateur_lit_tout_le_monde(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    with deps.unit_of_work.transaction() as d:
        nord, admin = d.agents.par_identifiant("instructeur.nord"), d.agents.par_identifiant("admin")
    assert nord is not None and admin is not None
    lui_meme = Actor("agent", nord.id, frozenset({"59"}), frozenset({"instructeur"}))
    administrateur = Actor("agent", admin.id, frozenset(), frozenset({"admin"}))
    assert (await client.get(f"/agents/{nord.id}", headers=en_tant_que(lui_meme))).json()["nom"] == "DURAND"
    assert (await client.get(f"/agents/{nord.id}", headers=en_tant_que(administrateur))).status_code == 200
    assert (await client.get(f"/agents/{admin.id}", headers=en_tant_que(lui_meme))).status_code == 404
