"""Logging in, guessing protections, sessions, and "mot de passe oublié"."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from plumbing.actors import Actor, actor_from_token
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import HorlogeReglable, courriels_demandes, jeton_du_dernier_courriel

pytestmark = pytest.mark.integration

SEPT = {"identifiant": "5903007178", "motDePasse": "Tournesol.Lille59!"}
INCORRECT = "Identifiant ou mot de passe incorrect."


def session(jeton: str) -> dict[str, str]:
    return {"X-Jeton-Session": jeton}


async def connecter(client: httpx.AsyncClient, **corps: str) -> httpx.Response:
    return await client.post("/sessions", json={**SEPT, **corps})


async def test_connexion_avec_le_n_etranger(client: httpx.AsyncClient) -> None:
    reponse = await connecter(client, identifiant=" 59030 07178 ")
    assert reponse.status_code == 201
    corps = reponse.json()
    assert len(corps["jeton"]) >= 40
    assert corps["demandeur"]["etatCivil"]["nomNaissance"] == "ETRANGER"
    assert corps["agent"] is None


@pytest.mark.parametrize(
    "corps",
    [
        {"motDePasse": "Tournesol.Lille59?"},  # mauvais mot de passe
        {"identifiant": "5903007199"},  # aucun compte
        {"identifiant": "5903007177"},  # Huit : au registre, sans compte
        {
            "identifiant": "septetranger@yopmail.com"
        },  # Sept a un N° étranger : l'email n'est pas son identifiant
    ],
)
async def test_un_echec_ne_dit_pas_si_le_compte_existe(
    client: httpx.AsyncClient, corps: dict[str, str]
) -> None:
    reponse = await connecter(client, **corps)
    assert reponse.status_code == 401
    assert reponse.json() == {"detail": INCORRECT}


async def test_un_echec_coute_toujours_une_verification_argon2(
    client: httpx.AsyncClient, deps: IdentityParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    verifications: list[str] = []
    hacheur = deps.outils.hacheur
    monkeypatch.setattr(hacheur, "verifier", lambda e, m: verifications.append("vraie") or False)
    monkeypatch.setattr(hacheur, "verification_factice", lambda m: verifications.append("factice"))
    await connecter(client, identifiant="5903007199")
    await connecter(client, motDePasse="faux")
    assert verifications == ["factice", "vraie"]


async def test_cinq_echecs_bloquent_l_identifiant_qu_il_existe_ou_non(
    client: httpx.AsyncClient, horloge: HorlogeReglable
) -> None:
    for identifiant in ("5903007178", "5903007199"):
        for _ in range(5):
            assert (
                await connecter(client, identifiant=identifiant, motDePasse="Faux.123")
            ).status_code == 401
        bloque = await connecter(client, identifiant=identifiant)
        assert bloque.status_code == 429
        assert bloque.headers["Retry-After"]
        assert bloque.json()["detail"].startswith("Trop de tentatives.")
    horloge.avancer(minutes=15, seconds=1)
    assert (await connecter(client)).status_code == 201


async def test_une_adresse_qui_essaie_de_nombreux_comptes_est_bloquee(client: httpx.AsyncClient) -> None:
    for numero in range(12):
        corps = {"identifiant": f"59000000{numero:02d}", "adresseClient": "192.0.2.66"}
        assert (await connecter(client, **corps)).status_code == 401
    assert (await connecter(client, adresseClient="192.0.2.66")).status_code == 429
    assert (await connecter(client, adresseClient="192.0.2.67")).status_code == 201


async def test_une_reussite_remet_a_zero_les_echecs_de_l_identifiant(client: httpx.AsyncClient) -> None:
    for _ in range(4):
        await connecter(client, motDePasse="Faux.123")
    assert (await connecter(client)).status_code == 201
    for _ in range(4):
        await connecter(client, motDePasse="Faux.123")
    assert (await connecter(client)).status_code == 201


async def test_la_session_courante_dit_qui_est_connecte(client: httpx.AsyncClient) -> None:
    jeton = (await connecter(client)).json()["jeton"]
    reponse = await client.get("/sessions/current", headers=session(jeton))
    assert reponse.status_code == 200
    assert reponse.json()["demandeur"]["numeroEtranger"] == "5903007178"
    assert actor_from_token(reponse.json()["acteur"]) == Actor("demandeur", reponse.json()["demandeur"]["id"])
    inconnue = await client.get("/sessions/current", headers=session("jeton-inconnu"))
    assert inconnue.status_code == 401
    assert inconnue.json() == {"detail": "Votre session a expiré. Veuillez vous reconnecter."}
    assert (await client.get("/sessions/current")).status_code == 422


async def test_la_session_expire_apres_trente_minutes_d_inactivite(
    client: httpx.AsyncClient, horloge: HorlogeReglable
) -> None:
    jeton = (await connecter(client)).json()["jeton"]
    for _ in range(3):  # utilisée toutes les 20 minutes : elle reste ouverte
        horloge.avancer(minutes=20)
        assert (await client.get("/sessions/current", headers=session(jeton))).status_code == 200
    horloge.avancer(minutes=31)
    assert (await client.get("/sessions/current", headers=session(jeton))).status_code == 401


async def test_deconnexion(client: httpx.AsyncClient) -> None:
    jeton = (await connecter(client)).json()["jeton"]
    assert (await client.delete("/sessions/current", headers=session(jeton))).status_code == 204
    assert (await client.get("/sessions/current", headers=session(jeton))).status_code == 401
    assert (await client.delete("/sessions/current", headers=session(jeton))).status_code == 204


async def test_lister_et_fermer_ses_autres_sessions(client: httpx.AsyncClient) -> None:
    telephone, ordinateur, tablette = [(await connecter(client)).json()["jeton"] for _ in range(3)]
    sessions = (await client.get("/sessions", headers=session(telephone))).json()
    assert len(sessions) == 3
    assert sum(s["courante"] for s in sessions) == 1
    autre_id = next(s["id"] for s in sessions if not s["courante"])
    assert (await client.delete(f"/sessions/{autre_id}", headers=session(telephone))).status_code == 204
    reponse = await client.delete("/sessions", headers=session(telephone))
    assert reponse.json() == {"sessionsFermees": 1}
    assert (await client.get("/sessions/current", headers=session(telephone))).status_code == 200
    for jeton in (ordinateur, tablette):
        assert (await client.get("/sessions/current", headers=session(jeton))).status_code == 401


async def test_on_ne_ferme_pas_la_session_d_un_autre(client: httpx.AsyncClient) -> None:
    sept = (await connecter(client)).json()["jeton"]
    agent = (
        await client.post(
            "/agents/sessions", json={"identifiant": "instructeur.nord", "motDePasse": "Instruction-Nord-59"}
        )
    ).json()["jeton"]
    id_agent = (await client.get("/sessions/current", headers=session(agent))).json()["id"]
    assert (await client.delete(f"/sessions/{id_agent}", headers=session(sept))).status_code == 404
    assert (await client.get("/sessions/current", headers=session(agent))).status_code == 200


async def test_connexion_d_un_agent(client: httpx.AsyncClient) -> None:
    reponse = await client.post(
        "/agents/sessions", json={"identifiant": "Instructeur.Nord", "motDePasse": "Instruction-Nord-59"}
    )
    assert reponse.status_code == 201
    agent = reponse.json()["agent"]
    assert agent["roles"] == ["instructeur"] and agent["prefectures"] == ["59"]
    # the token identity signs carries the préfectures and roles of its own record of the agent
    acteur = Actor("agent", agent["id"], frozenset({"59"}), frozenset({"instructeur"}))
    assert actor_from_token(reponse.json()["acteur"]) == acteur
    courante = await client.get("/sessions/current", headers=session(reponse.json()["jeton"]))
    assert courante.json()["agent"]["identifiant"] == "instructeur.nord"
    assert courante.json()["demandeur"] is None
    faux = await client.post(
        "/agents/sessions", json={"identifiant": "instructeur.nord", "motDePasse": "Tournesol.Lille59!"}
    )
    assert faux.status_code == 401
    # Un demandeur ne se connecte pas à l'espace agents, ni l'inverse.
    assert (await client.post("/agents/sessions", json=SEPT)).status_code == 401
    agent_cote_demandeur = {"identifiant": "instructeur.nord", "motDePasse": "Instruction-Nord-59"}
    assert (await client.post("/sessions", json=agent_cote_demandeur)).status_code == 401


async def test_mot_de_passe_oublie(client: httpx.AsyncClient, deps: IdentityParts) -> None:
    ancienne = (await connecter(client)).json()["jeton"]
    reponse = await client.post("/mots-de-passe/oubli", json={"identifiant": "5903007178"})
    assert reponse.status_code == 202
    [courriel] = courriels_demandes(deps)
    assert courriel["modele"] == "reinitialisation-mot-de-passe"
    assert courriel["destinataire"] == "septetranger@yopmail.com"
    assert courriel["donnees"]["lien"].startswith("https://demarches.test/compte/reinitialiser?jeton=")
    jeton = jeton_du_dernier_courriel(deps)
    assert (
        await client.post("/mots-de-passe/reinitialisation/verification", json={"jeton": jeton})
    ).status_code == 200

    corps = {"jeton": jeton, "motDePasse": "Nouveau.Jardin-59", "confirmationMotDePasse": "Nouveau.Jardin-59"}
    reponse = await client.post("/mots-de-passe/reinitialisation", json=corps)
    assert reponse.json() == {"message": "Votre mot de passe a bien été modifié.", "paragraphes": []}
    assert (await client.get("/sessions/current", headers=session(ancienne))).status_code == 401
    assert (await connecter(client)).status_code == 401
    assert (await connecter(client, motDePasse="Nouveau.Jardin-59")).status_code == 201
    verification = await client.post("/mots-de-passe/reinitialisation/verification", json={"jeton": jeton})
    assert verification.status_code == 400
    assert "Mot de passe oublié ?" in verification.json()["detail"]


async def test_mot_de_passe_oublie_repond_pareil_pour_un_inconnu(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    connu = await client.post("/mots-de-passe/oubli", json={"identifiant": "5903007178"})
    inconnu = await client.post("/mots-de-passe/oubli", json={"identifiant": "5903007199"})
    assert (connu.status_code, connu.json()) == (inconnu.status_code, inconnu.json())
    assert len(courriels_demandes(deps)) == 1


async def test_le_lien_de_confirmation_ne_sert_pas_a_reinitialiser(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    await client.post("/mots-de-passe/oubli", json={"identifiant": "5903007178"})
    jeton = jeton_du_dernier_courriel(deps)
    corps = {"jeton": jeton, "motDePasse": "Nouveau.Jardin-59", "confirmationMotDePasse": "Nouveau.Jardin-59"}
    assert (await client.post("/comptes/mot-de-passe", json=corps)).status_code == 400


async def test_le_formulaire_d_oubli_ne_sert_pas_a_inonder_une_boite(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    for _ in range(5):
        assert (
            await client.post("/mots-de-passe/oubli", json={"identifiant": "5903007178"})
        ).status_code == 202
    assert (await client.post("/mots-de-passe/oubli", json={"identifiant": "5903007178"})).status_code == 429
    assert len(courriels_demandes(deps)) == 5


@pytest.mark.parametrize(
    "corps",
    [
        {},
        {"identifiant": "", "motDePasse": "x"},
        {"identifiant": "x" * 300, "motDePasse": "x"},
        {"identifiant": "x"},
    ],
)
async def test_une_connexion_mal_formee_est_refusee(client: httpx.AsyncClient, corps: dict[str, str]) -> None:
    reponse = await client.post("/sessions", json=corps)
    assert reponse.status_code == 422
    assert reponse.json()["detail"] == "La requête contient des données invalides."


async def test_des_essais_en_parallele_sont_tous_comptes(client: httpx.AsyncClient) -> None:
    await asyncio.gather(*[connecter(client, motDePasse=f"Faux.{n}") for n in range(8)])
    assert (await connecter(client)).status_code == 429
