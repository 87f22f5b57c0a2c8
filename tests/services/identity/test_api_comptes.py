"""Account creation as in the seed, through the API the gateway calls."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from contracts.courriel import DemandeCourriel
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import HorlogeReglable, courriels_demandes, jeton_du_dernier_courriel

pytestmark = pytest.mark.integration


def titre_de_huit(deps: IdentityParts, **changes: Any) -> dict[str, Any]:
    with deps.unit_of_work.transaction() as d:
        titre = d.registre.titre_par_numero("9900000008")
    assert titre is not None
    return {
        "numeroTitre": titre.numero,
        "dateDebutValidite": titre.date_debut.isoformat(),
        "dateFinValidite": titre.date_fin.isoformat(),
        "courriel": "huit@exemple.fr",
        "confirmationCourriel": "huit@exemple.fr",
        "adresseClient": "203.0.113.8",
        **changes,
    }


async def test_creation_de_compte_de_bout_en_bout(client: httpx.AsyncClient, deps: IdentityParts) -> None:
    reponse = await client.post("/comptes", json=titre_de_huit(deps))
    assert reponse.status_code == 202
    assert reponse.json() == {
        "message": "Demande de création de compte bien enregistrée. "
        "Un email vous a été envoyé afin de confirmer votre adresse email.",
        "paragraphes": [
            "Vous devez confirmer votre adresse email et créer votre mot de passe avant de pouvoir "
            "envoyer votre demande.",
            "Votre identifiant de connexion sera votre N° Etranger",
        ],
    }

    [courriel] = courriels_demandes(deps)
    demande = DemandeCourriel.model_validate(courriel)
    assert demande.modele == "confirmation-compte"
    assert demande.destinataire == "huit@exemple.fr"
    assert demande.donnees["lien"].startswith("https://demarches.test/compte/confirmer?jeton=")
    assert demande.donnees["prenoms"] == "Huit" and demande.donnees["identifiant"] == "5903007177"
    jeton = jeton_du_dernier_courriel(deps)

    reponse = await client.post("/comptes/confirmation", json={"jeton": jeton})
    assert reponse.status_code == 200
    assert reponse.json() == {"message": "Votre adresse email a bien été validée.", "paragraphes": []}

    mot_de_passe = {
        "jeton": jeton,
        "motDePasse": "Glycine.Lille-59",
        "confirmationMotDePasse": "Glycine.Lille-59",
    }
    reponse = await client.post("/comptes/mot-de-passe", json=mot_de_passe)
    assert reponse.status_code == 200
    assert reponse.json() == {
        "message": "Votre compte a bien été créé.",
        "paragraphes": [
            "Vous pouvez désormais vous connecter pour envoyer votre demande et accéder à votre espace "
            "personnel.",
            "C'est également depuis cet espace personnel que vous pourrez consulter l'avancée de votre "
            "demande et répondre aux différentes demandes des agents.",
            "Votre identifiant de connexion est votre N° Etranger",
        ],
    }

    # Un double clic sur « Créer le mot de passe » reçoit la même réponse.
    double_clic = await client.post("/comptes/mot-de-passe", json=mot_de_passe)
    assert (double_clic.status_code, double_clic.json()) == (200, reponse.json())

    connexion = await client.post(
        "/sessions", json={"identifiant": "5903007177", "motDePasse": "Glycine.Lille-59"}
    )
    assert connexion.status_code == 201
    fiche = connexion.json()["demandeur"]
    assert fiche["numeroEtranger"] == "5903007177"
    assert fiche["courriel"] == "huit@exemple.fr"
    assert fiche["etatCivil"]["prenoms"] == "Huit"
    assert fiche["titreEnCours"]["mention"] == "Vie privée et familiale"
    assert fiche["prefecture"] == "59"


async def test_le_lien_ne_sert_qu_une_fois(
    client: httpx.AsyncClient, deps: IdentityParts, horloge: HorlogeReglable
) -> None:
    await client.post("/comptes", json=titre_de_huit(deps))
    jeton = jeton_du_dernier_courriel(deps)
    corps = {"jeton": jeton, "motDePasse": "Glycine.Lille-59", "confirmationMotDePasse": "Glycine.Lille-59"}
    assert (await client.post("/comptes/mot-de-passe", json=corps)).status_code == 200
    horloge.avancer(minutes=5)
    autre = {**corps, "motDePasse": "Autre.Mdp-59", "confirmationMotDePasse": "Autre.Mdp-59"}
    reponse = await client.post("/comptes/mot-de-passe", json=autre)
    assert reponse.status_code == 400
    assert "n'est plus valide" in reponse.json()["detail"]
    assert (await client.post("/comptes/confirmation", json={"jeton": jeton})).status_code == 400


async def test_le_lien_expire(
    client: httpx.AsyncClient, deps: IdentityParts, horloge: HorlogeReglable
) -> None:
    await client.post("/comptes", json=titre_de_huit(deps))
    jeton = jeton_du_dernier_courriel(deps)
    horloge.avancer(hours=24, seconds=1)
    reponse = await client.post("/comptes/confirmation", json={"jeton": jeton})
    assert reponse.status_code == 400
    assert "Recommencez la création de votre compte" in reponse.json()["detail"]


@pytest.mark.parametrize("jeton", ["inventé", "a" * 300, "x.y"])
async def test_un_lien_forge_est_refuse(client: httpx.AsyncClient, jeton: str) -> None:
    reponse = await client.post("/comptes/confirmation", json={"jeton": jeton})
    assert reponse.status_code == 400


async def test_un_nouveau_lien_remplace_l_ancien(
    client: httpx.AsyncClient, deps: IdentityParts, horloge: HorlogeReglable
) -> None:
    await client.post("/comptes", json=titre_de_huit(deps))
    ancien = jeton_du_dernier_courriel(deps)
    horloge.avancer(minutes=10)
    await client.post(
        "/comptes", json=titre_de_huit(deps, courriel="h8@exemple.fr", confirmationCourriel="h8@exemple.fr")
    )
    assert courriels_demandes(deps)[-1]["destinataire"] == "h8@exemple.fr"
    assert (await client.post("/comptes/confirmation", json={"jeton": ancien})).status_code == 400
    nouveau = jeton_du_dernier_courriel(deps)
    assert (await client.post("/comptes/confirmation", json={"jeton": nouveau})).status_code == 200


async def test_une_double_soumission_n_envoie_qu_un_courriel(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    for _ in range(2):
        assert (await client.post("/comptes", json=titre_de_huit(deps))).status_code == 202
    assert len(courriels_demandes(deps)) == 1


async def test_un_titre_deja_pourvu_d_un_compte_recoit_la_meme_reponse_sans_courriel(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    with deps.unit_of_work.transaction() as d:
        titre = d.registre.titre_par_numero("9900000007")  # Sept a déjà un compte actif
    assert titre is not None
    demande = titre_de_huit(
        deps,
        numeroTitre=titre.numero,
        dateDebutValidite=str(titre.date_debut),
        dateFinValidite=str(titre.date_fin),
    )
    reponse = await client.post("/comptes", json=demande)
    assert reponse.status_code == 202
    assert reponse.json() == (await client.post("/comptes", json=titre_de_huit(deps))).json()
    assert [c["destinataire"] for c in courriels_demandes(deps)] == ["huit@exemple.fr"]


@pytest.mark.parametrize(
    "changes",
    [
        {"numeroTitre": "1234567890"},
        {"dateDebutValidite": "2020-01-01"},
        {"dateFinValidite": "2099-01-01"},
    ],
)
async def test_un_titre_inconnu_du_registre_est_refuse(
    client: httpx.AsyncClient, deps: IdentityParts, changes: dict[str, str]
) -> None:
    reponse = await client.post("/comptes", json=titre_de_huit(deps, **changes))
    assert reponse.status_code == 422
    assert reponse.json()["detail"].startswith("Les informations saisies ne correspondent à aucun visa")
    assert courriels_demandes(deps) == []


async def test_le_numero_peut_etre_saisi_avec_des_espaces(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    reponse = await client.post("/comptes", json=titre_de_huit(deps, numeroTitre="99 0000 0008"))
    assert reponse.status_code == 202


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"confirmationCourriel": "autre@exemple.fr"},
            "La confirmation de l'adresse email ne correspond pas",
        ),
        (
            {"courriel": "pas-un-email", "confirmationCourriel": "pas-un-email"},
            "L'adresse email saisie n'est pas valide",
        ),
        ({"dateDebutValidite": "2030-01-01", "dateFinValidite": "2029-01-01"}, "La date de fin de validité"),
    ],
)
async def test_les_saisies_incoherentes_sont_expliquees(
    client: httpx.AsyncClient, deps: IdentityParts, changes: dict[str, str], message: str
) -> None:
    reponse = await client.post("/comptes", json=titre_de_huit(deps, **changes))
    assert reponse.status_code == 422
    assert reponse.json()["detail"].startswith(message)


async def test_une_date_mal_formee_est_signalee_par_champ(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    reponse = await client.post("/comptes", json=titre_de_huit(deps, dateDebutValidite="31/02/2024"))
    assert reponse.status_code == 422
    assert reponse.json() == {
        "detail": "La requête contient des données invalides.",
        "erreurs": [{"champ": "dateDebutValidite", "message": "Date invalide : format attendu AAAA-MM-JJ."}],
    }


async def test_une_requete_mal_formee_recoit_un_message_en_francais(client: httpx.AsyncClient) -> None:
    incomplete = await client.post("/comptes", json={"numeroTitre": "5903007178"})
    assert incomplete.status_code == 422
    assert {e["message"] for e in incomplete.json()["erreurs"]} == {"Ce champ est obligatoire."}
    vide = await client.post("/sessions", json={"identifiant": "", "motDePasse": ""})
    assert {e["message"] for e in vide.json()["erreurs"]} == {"Ce champ est obligatoire."}
    illisible = await client.post(
        "/comptes", content=b"{numeroTitre", headers={"Content-Type": "application/json"}
    )
    assert illisible.status_code == 400
    assert illisible.json() == {"detail": "Le corps de la requête n'est pas un JSON valide."}


async def test_trop_d_essais_de_titres_bloquent_l_adresse(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    for numero in range(12):
        await client.post("/comptes", json=titre_de_huit(deps, numeroTitre=f"12345678{numero:02d}"))
    reponse = await client.post("/comptes", json=titre_de_huit(deps))
    assert reponse.status_code == 429
    assert reponse.json()["detail"].startswith("Trop de tentatives.")
    autre_adresse = await client.post("/comptes", json=titre_de_huit(deps, adresseClient="198.51.100.1"))
    assert autre_adresse.status_code == 202


async def test_le_mot_de_passe_suit_la_regle_de_la_notice(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    await client.post("/comptes", json=titre_de_huit(deps))
    jeton = jeton_du_dernier_courriel(deps)
    for mot_de_passe, confirmation, debut in [
        ("sansmajuscule1!", "sansmajuscule1!", "Format attendu"),
        ("Kq7w;Zr2Pm", "Kq7w;Zr2Pm", "Format attendu"),  # « ; » is on neither screen
        (
            "Kq7w#Zr\u200b2Pm",
            "Kq7w#Zr\u200b2Pm",
            "Le mot de passe ne doit contenir aucun caractère invisible",
        ),
        (
            "Kq7w#Zr\u00a02Pm",
            "Kq7w#Zr\u00a02Pm",
            "Le mot de passe ne doit contenir aucun caractère invisible",
        ),
        (
            "Kq7w#Zr\u202e2Pm",
            "Kq7w#Zr\u202e2Pm",
            "Le mot de passe ne doit contenir aucun caractère invisible",
        ),
        ("Huit.Lille-59", "Huit.Lille-59", "Le mot de passe ne doit contenir ni votre nom, ni votre prénom"),
        ("Lille#ÉTRANGER8", "Lille#ÉTRANGER8", "Le mot de passe ne doit contenir ni votre nom"),
        ("Kq7w#5903007177", "Kq7w#5903007177", "Le mot de passe ne doit contenir ni votre nom"),
        ("Azerty123!", "Azerty123!", "Ce mot de passe fait partie des mots de passe les plus courants"),
        ("Chocolat1!", "Chocolat1!", "Ce mot de passe serait trop facile à deviner : il repose sur un mot"),
        ("Summer2026!", "Summer2026!", "Ce mot de passe serait trop facile à deviner"),
        ("Azer1234!", "Azer1234!", "Ce mot de passe serait trop facile à deviner : il suit des touches"),
        ("Qwerty123!", "Qwerty123!", "Ce mot de passe"),
        ("Glycine.Lille-59", "Glycine.Lille-58", "La confirmation du mot de passe ne correspond pas"),
        ("Vx7#kPq2", "Vx7#kPq2", None),
    ]:
        corps = {"jeton": jeton, "motDePasse": mot_de_passe, "confirmationMotDePasse": confirmation}
        reponse = await client.post("/comptes/mot-de-passe", json=corps)
        if debut is None:
            assert reponse.status_code == 200  # 8 caractères : c'est le minimum
            return
        assert reponse.status_code == 422, mot_de_passe
        assert reponse.json()["detail"].startswith(debut)


async def test_les_caracteres_plus_et_virgule_du_second_ecran_sont_acceptes(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    await client.post("/comptes", json=titre_de_huit(deps))
    corps = {"jeton": jeton_du_dernier_courriel(deps), "motDePasse": "Rivière+Bleue,9"}
    reponse = await client.post(
        "/comptes/mot-de-passe", json={**corps, "confirmationMotDePasse": "Rivière+Bleue,9"}
    )
    assert reponse.status_code == 200, reponse.text
    connexion = await client.post(
        "/sessions", json={"identifiant": "5903007177", "motDePasse": "Rivière+Bleue,9"}
    )
    assert connexion.status_code == 201


async def test_sans_numero_etranger_l_identifiant_est_l_email(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    with deps.unit_of_work.transaction() as d:
        visa = d.registre.titre_par_numero("9900000012")  # Douze : visa, pas de N° étranger
    assert visa is not None
    demande = titre_de_huit(
        deps,
        numeroTitre=visa.numero,
        dateDebutValidite=str(visa.date_debut),
        dateFinValidite=str(visa.date_fin),
        courriel="Douze@Exemple.fr",
        confirmationCourriel="douze@exemple.fr",
    )
    creation = await client.post("/comptes", json=demande)
    assert creation.status_code == 202
    assert creation.json()["paragraphes"][-1] == "Votre identifiant de connexion sera votre adresse email"
    assert courriels_demandes(deps)[-1]["donnees"]["identifiant"] == "douze@exemple.fr"
    corps = {
        "jeton": jeton_du_dernier_courriel(deps),
        "motDePasse": "Mimosa.Calais-62",
        "confirmationMotDePasse": "Mimosa.Calais-62",
    }
    cree = await client.post("/comptes/mot-de-passe", json=corps)
    assert cree.status_code == 200
    assert cree.json()["paragraphes"][-1] == "Votre identifiant de connexion est votre adresse email"
    connexion = await client.post(
        "/sessions", json={"identifiant": "DOUZE@exemple.fr ", "motDePasse": "Mimosa.Calais-62"}
    )
    assert connexion.status_code == 201
    fiche = connexion.json()["demandeur"]
    assert fiche["numeroEtranger"] is None
    assert fiche["titreEnCours"]["nature"] == "visa"
    assert fiche["prefecture"] == "62"


async def test_seuls_les_services_creent_des_comptes(client: httpx.AsyncClient, deps: IdentityParts) -> None:
    from plumbing.actors import Actor
    from tests.services.identity.conftest import en_tant_que

    entetes = en_tant_que(Actor("demandeur", "quelquun"))
    reponse = await client.post("/comptes", json=titre_de_huit(deps), headers=entetes)
    assert reponse.status_code == 403
    sans_jeton = await client.post("/comptes", json=titre_de_huit(deps), headers={"Authorization": ""})
    assert sans_jeton.status_code == 401


async def test_un_double_clic_simultane_n_envoie_qu_un_courriel(
    client: httpx.AsyncClient, deps: IdentityParts
) -> None:
    reponses = await asyncio.gather(*[client.post("/comptes", json=titre_de_huit(deps)) for _ in range(4)])
    assert [r.status_code for r in reponses] == [202] * 4
    assert len(courriels_demandes(deps)) == 1
