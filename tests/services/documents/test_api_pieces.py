"""The applicant's pieces through the internal API: uploads checked by content, lists, downloads."""

from __future__ import annotations

import asyncio
import hashlib

import httpx
import pytest

from tests.services.documents import echantillons
from tests.services.documents.conftest import (
    AGENT_59,
    AGENT_62,
    AUTRE_DEMANDEUR,
    DEMANDEUR,
    DOSSIER_SERVICE,
    entetes,
)
from tests.services.documents.outils import joindre, pieces, sceller

pytestmark = pytest.mark.integration

NATIONALITE = "justificatif-nationalite"


async def test_joindre_lister_et_telecharger(client: httpx.AsyncClient) -> None:
    scan, passeport = echantillons.png(), echantillons.pdf()
    reponse = await joindre(
        client,
        DEMANDEUR,
        NATIONALITE,
        ("234.PNG", scan, "image/png"),
        ("passeport.pdf", passeport, "text/plain"),
    )
    assert reponse.status_code == 201, reponse.text
    joints = reponse.json()
    assert [(f["nomFichier"], f["typeMedia"], f["version"], f["statut"]) for f in joints] == [
        ("234.PNG", "image/png", 1, "brouillon"),
        ("passeport.pdf", "application/pdf", 1, "brouillon"),
    ]
    assert joints[0]["sha256"] == hashlib.sha256(scan).hexdigest()

    liste = (await pieces(client, DEMANDEUR)).json()
    assert liste["scelle"] is False
    assert [(p["code"], p["libelle"], len(p["fichiers"])) for p in liste["pieces"]] == [
        (NATIONALITE, "Justificatif de nationalité", 2)
    ]

    telechargement = await client.get(
        f"/dossiers/dos-1/fichiers/{joints[1]['id']}", headers=entetes(DEMANDEUR)
    )
    assert telechargement.status_code == 200
    assert telechargement.content == passeport
    assert telechargement.headers["content-type"] == "application/pdf"
    assert telechargement.headers["content-disposition"].startswith('attachment; filename="passeport.pdf"')
    assert telechargement.headers["x-content-type-options"] == "nosniff"


async def test_un_nom_accentue_survit_au_telechargement(client: httpx.AsyncClient) -> None:
    joint = (
        await joindre(
            client, DEMANDEUR, NATIONALITE, ("carte d'identité.jpg", echantillons.jpg(), "image/jpeg")
        )
    ).json()
    reponse = await client.get(
        f"/dossiers/dos-1/fichiers/{joint[0]['id']}?disposition=inline", headers=entetes(DEMANDEUR)
    )
    assert reponse.headers["content-disposition"] == (
        "inline; filename=\"carte d'identit_.jpg\"; filename*=UTF-8''carte%20d%27identit%C3%A9.jpg"
    )


async def test_un_programme_renomme_pdf_est_refuse_et_rien_n_est_garde(client: httpx.AsyncClient) -> None:
    reponse = await joindre(
        client, DEMANDEUR, NATIONALITE, ("passeport.pdf", echantillons.exe(), "application/pdf")
    )
    assert reponse.status_code == 415
    assert reponse.json()["detail"] == (
        "Le fichier « passeport.pdf » n'est pas dans un format accepté : "
        "seuls les formats JPG, PNG, PDF, TIFF et BMP sont acceptés."
    )
    assert (await pieces(client, DEMANDEUR)).status_code == 404


async def test_un_fichier_de_11_mo_est_refuse(client: httpx.AsyncClient) -> None:
    reponse = await joindre(
        client, DEMANDEUR, NATIONALITE, ("scan.png", echantillons.trop_gros(11), "image/png")
    )
    assert reponse.status_code == 413
    assert reponse.json()["detail"] == "Le fichier « scan.png » dépasse la taille maximale de 10 Mo."


async def test_un_png_corrompu_est_refuse(client: httpx.AsyncClient) -> None:
    reponse = await joindre(
        client, DEMANDEUR, NATIONALITE, ("234.PNG", echantillons.png_corrompu(), "image/png")
    )
    assert reponse.status_code == 422
    assert "endommagé ou illisible" in reponse.json()["detail"]


async def test_un_fichier_refuse_fait_refuser_tout_l_envoi(client: httpx.AsyncClient) -> None:
    reponse = await joindre(
        client,
        DEMANDEUR,
        NATIONALITE,
        ("a.png", echantillons.png(), "image/png"),
        ("b.pdf", echantillons.exe(), "x"),
    )
    assert reponse.status_code == 415
    assert (await pieces(client, DEMANDEUR)).status_code == 404


async def test_trois_fichiers_au_plus_par_piece(client: httpx.AsyncClient) -> None:
    couleurs = ["white", "black", "red", "blue"]
    quatre = [(f"{c}.png", echantillons.png(c), "image/png") for c in couleurs]
    reponse = await joindre(client, DEMANDEUR, NATIONALITE, *quatre)
    assert reponse.status_code == 422
    assert reponse.json()["detail"] == "Vous avez la possibilité de joindre 3 fichiers maximum par document."
    assert (await joindre(client, DEMANDEUR, NATIONALITE, *quatre[:3])).status_code == 201
    quatrieme = await joindre(client, DEMANDEUR, NATIONALITE, quatre[3])
    assert quatrieme.status_code == 409
    assert "3 fichiers maximum" in quatrieme.json()["detail"]


async def test_envoyer_deux_fois_le_meme_fichier_ne_le_joint_qu_une_fois(client: httpx.AsyncClient) -> None:
    fichier = ("234.PNG", echantillons.png(), "image/png")
    premier = (await joindre(client, DEMANDEUR, NATIONALITE, fichier)).json()
    second = (await joindre(client, DEMANDEUR, NATIONALITE, fichier)).json()
    assert premier == second
    assert len((await pieces(client, DEMANDEUR)).json()["pieces"][0]["fichiers"]) == 1


async def test_la_photo_se_donne_par_son_numero(client: httpx.AsyncClient) -> None:
    reponse = await joindre(
        client, DEMANDEUR, "photographie-identite", ("photo.jpg", echantillons.jpg(), "image/jpeg")
    )
    assert reponse.status_code == 422
    assert "numéro ephoto" in reponse.json()["detail"]


async def test_une_piece_inconnue_est_refusee(client: httpx.AsyncClient) -> None:
    reponse = await joindre(client, DEMANDEUR, "releve-bancaire", ("a.png", echantillons.png(), "image/png"))
    assert reponse.status_code == 422
    assert reponse.json()["detail"] == "La requête contient des données invalides."
    assert reponse.json()["erreurs"][0]["message"].startswith("Valeur non autorisée : choisissez parmi")


async def test_un_formulaire_mal_forme_est_refuse_en_francais(client: httpx.AsyncClient) -> None:
    reponse = await client.post(
        f"/dossiers/dos-1/pieces/{NATIONALITE}/fichiers?prefecture=59",
        content=b"ceci n'est pas un formulaire",
        headers={**entetes(DEMANDEUR), "Content-Type": "multipart/form-data; boundary=zz"},
    )
    assert reponse.status_code == 400
    assert reponse.json() == {"detail": "Le formulaire envoyé est mal formé ou trop volumineux."}


async def test_le_dossier_d_un_autre_demandeur_est_introuvable(client: httpx.AsyncClient) -> None:
    joint = (await joindre(client, DEMANDEUR, NATIONALITE, ("a.png", echantillons.png(), "image/png"))).json()
    fichier = f"/dossiers/dos-1/fichiers/{joint[0]['id']}"
    autre = entetes(AUTRE_DEMANDEUR)
    assert (await pieces(client, AUTRE_DEMANDEUR)).status_code == 404
    assert (await client.get(fichier, headers=autre)).status_code == 404
    assert (await client.delete(fichier, headers=autre)).status_code == 404
    ajout = await joindre(
        client, AUTRE_DEMANDEUR, NATIONALITE, ("b.png", echantillons.png("red"), "image/png")
    )
    assert ajout.status_code == 404
    assert ajout.json()["detail"] == "Dossier introuvable."


async def test_un_demandeur_ne_peut_pas_se_declarer_pour_un_autre(client: httpx.AsyncClient) -> None:
    reponse = await client.post(
        "/dossiers/dos-9/pieces/insertion/fichiers",
        files=[("fichiers", ("a.png", echantillons.png(), "image/png"))],
        data={"demandeurId": "demandeur-2"},
        headers=entetes(DEMANDEUR),
    )
    assert reponse.status_code == 404


async def test_les_agents_voient_les_dossiers_deposes_de_leur_prefecture(client: httpx.AsyncClient) -> None:
    joint = (await joindre(client, DEMANDEUR, NATIONALITE, ("a.png", echantillons.png(), "image/png"))).json()
    fichier = f"/dossiers/dos-1/fichiers/{joint[0]['id']}"
    assert (await pieces(client, AGENT_59)).status_code == 404  # a draft is the applicant's alone
    assert (await sceller(client, DOSSIER_SERVICE)).status_code == 200
    assert (await pieces(client, AGENT_59)).status_code == 200
    assert (await client.get(fichier, headers=entetes(AGENT_59))).status_code == 200
    assert (await client.get(fichier, headers=entetes(AGENT_62))).status_code == 404
    ajout = await joindre(client, AGENT_59, NATIONALITE, ("b.png", echantillons.png("red"), "image/png"))
    assert ajout.status_code == 403


async def test_retirer_un_fichier_du_brouillon(client: httpx.AsyncClient) -> None:
    joints = (
        await joindre(
            client,
            DEMANDEUR,
            NATIONALITE,
            ("a.png", echantillons.png(), "image/png"),
            ("b.pdf", echantillons.pdf(), "application/pdf"),
        )
    ).json()
    fichier = f"/dossiers/dos-1/fichiers/{joints[0]['id']}"
    assert (await client.delete(fichier, headers=entetes(DEMANDEUR))).status_code == 204
    assert (await client.get(fichier, headers=entetes(DEMANDEUR))).status_code == 404
    assert (await client.delete(fichier, headers=entetes(DEMANDEUR))).status_code == 404
    restants = (await pieces(client, DEMANDEUR)).json()["pieces"][0]["fichiers"]
    assert [f["nomFichier"] for f in restants] == ["b.pdf"]


async def test_apres_le_depot_plus_rien_ne_change(client: httpx.AsyncClient) -> None:
    joint = (await joindre(client, DEMANDEUR, NATIONALITE, ("a.png", echantillons.png(), "image/png"))).json()
    premier = (await sceller(client, DOSSIER_SERVICE)).json()
    assert premier == {"dossierId": "dos-1", "documentsScelles": 1}
    assert (await sceller(client, DOSSIER_SERVICE)).json() == premier
    ajout = await joindre(client, DEMANDEUR, "insertion", ("b.png", echantillons.png("red"), "image/png"))
    assert ajout.status_code == 409
    assert (
        ajout.json()["detail"]
        == "Votre demande a été déposée : ses justificatifs ne peuvent plus être modifiés."
    )
    retrait = await client.delete(f"/dossiers/dos-1/fichiers/{joint[0]['id']}", headers=entetes(DEMANDEUR))
    assert retrait.status_code == 409
    liste = (await pieces(client, DEMANDEUR)).json()
    assert liste["scelle"] is True and liste["pieces"][0]["fichiers"][0]["statut"] == "scelle"


async def test_seuls_les_services_scellent(client: httpx.AsyncClient) -> None:
    await joindre(client, DEMANDEUR, NATIONALITE, ("a.png", echantillons.png(), "image/png"))
    assert (await sceller(client, DEMANDEUR)).status_code == 403


async def test_sans_jeton_interne_rien_ne_repond(client: httpx.AsyncClient) -> None:
    reponse = await client.get("/dossiers/dos-1/pieces")
    assert reponse.status_code == 401
    assert reponse.json()["detail"] == "Jeton d'acteur absent, invalide ou expiré."


async def test_un_double_clic_sur_le_premier_envoi(client: httpx.AsyncClient) -> None:
    fichier = ("234.PNG", echantillons.png(), "image/png")
    reponses = await asyncio.gather(*(joindre(client, DEMANDEUR, NATIONALITE, fichier) for _ in range(2)))
    assert [r.status_code for r in reponses] == [201, 201]
    assert reponses[0].json() == reponses[1].json()
    assert len((await pieces(client, DEMANDEUR)).json()["pieces"][0]["fichiers"]) == 1
