"""Complement rounds: a requested piece gets a new version, the old one stays, marked superseded."""

from __future__ import annotations

import httpx
import pytest

from tests.services.documents import echantillons
from tests.services.documents.conftest import AGENT_59, AUTRE_DEMANDEUR, DEMANDEUR, DOSSIER_SERVICE, entetes
from tests.services.documents.outils import joindre, pieces, remplacer, sceller

pytestmark = pytest.mark.integration

NATIONALITE = "justificatif-nationalite"
LISIBLE = ("6657.PNG", echantillons.png("blue"), "image/png")


@pytest.fixture
async def depose(client: httpx.AsyncClient) -> str:
    """A deposited dossier whose nationality proof the agent could not read; returns the old file's id."""
    joint = (
        await joindre(client, DEMANDEUR, NATIONALITE, ("234.PNG", echantillons.png(), "image/png"))
    ).json()
    await joindre(client, DEMANDEUR, "liens-familiaux", ("actes.pdf", echantillons.pdf(), "application/pdf"))
    await sceller(client, DOSSIER_SERVICE)
    return str(joint[0]["id"])


async def ouvrir_ronde(
    client: httpx.AsyncClient, ronde: int = 1, pieces_: list[str] | None = None
) -> httpx.Response:
    corps = {"ronde": ronde, "pieces": pieces_ if pieces_ is not None else [NATIONALITE]}
    return await client.post("/dossiers/dos-1/complements", json=corps, headers=entetes(DOSSIER_SERVICE))


async def test_mettre_a_jour_le_document_garde_l_ancienne_version(
    client: httpx.AsyncClient, depose: str
) -> None:
    assert (await ouvrir_ronde(client)).status_code == 204
    assert (await ouvrir_ronde(client)).status_code == 204  # at least once
    reponse = await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE)
    assert reponse.status_code == 201, reponse.text
    (nouveau,) = reponse.json()
    assert (nouveau["version"], nouveau["ronde"], nouveau["statut"]) == (2, 1, "brouillon")

    piece = (await pieces(client, AGENT_59)).json()["pieces"][0]
    assert [f["nomFichier"] for f in piece["fichiers"]] == ["6657.PNG"]
    (ancien,) = piece["anciennesVersions"]
    assert (ancien["id"], ancien["statut"], ancien["version"]) == (depose, "remplace", 1)
    assert ancien["remplaceLe"] is not None
    assert (
        await client.get(f"/dossiers/dos-1/fichiers/{depose}", headers=entetes(AGENT_59))
    ).status_code == 200


async def test_envoyer_deux_fois_la_meme_reponse_ne_cree_qu_une_version(
    client: httpx.AsyncClient, depose: str
) -> None:
    await ouvrir_ronde(client)
    premier = (await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE)).json()
    second = (await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE)).json()
    assert premier == second
    piece = (await pieces(client, DEMANDEUR)).json()["pieces"][0]
    assert len(piece["anciennesVersions"]) == 1


async def test_une_piece_non_demandee_ne_change_pas(client: httpx.AsyncClient, depose: str) -> None:
    await ouvrir_ronde(client)
    reponse = await remplacer(client, DEMANDEUR, "liens-familiaux", LISIBLE)
    assert reponse.status_code == 409
    assert (
        reponse.json()["detail"] == "Ce justificatif ne fait pas partie de la demande de complément en cours."
    )


async def test_sans_demande_de_complement_rien_ne_change(client: httpx.AsyncClient, depose: str) -> None:
    reponse = await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE)
    assert reponse.status_code == 409
    assert reponse.json()["detail"] == "Aucune demande de complément n'est en cours pour ce dossier."


async def test_le_scellement_clot_la_ronde(client: httpx.AsyncClient, depose: str) -> None:
    await ouvrir_ronde(client)
    await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE)
    assert (await sceller(client, DOSSIER_SERVICE)).json()["documentsScelles"] == 2
    liste = (await pieces(client, DEMANDEUR)).json()
    assert liste["rondeComplements"] is None
    assert liste["pieces"][0]["fichiers"][0]["statut"] == "scelle"
    tardif = await remplacer(client, DEMANDEUR, NATIONALITE, ("x.png", echantillons.png("red"), "image/png"))
    assert tardif.status_code == 409


async def test_une_ronde_terminee_est_refusee(client: httpx.AsyncClient, depose: str) -> None:
    await ouvrir_ronde(client, ronde=2)
    reponse = await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE, ronde=1)
    assert reponse.status_code == 409
    assert reponse.json()["detail"] == "La demande de complément n° 1 n'est plus en cours."


async def test_le_complement_reste_verifie(client: httpx.AsyncClient, depose: str) -> None:
    await ouvrir_ronde(client, pieces_=[])
    assert (
        await remplacer(client, DEMANDEUR, NATIONALITE, ("a.pdf", echantillons.exe(), "x"))
    ).status_code == 415
    assert (await remplacer(client, AUTRE_DEMANDEUR, NATIONALITE, LISIBLE)).status_code == 404
    assert (await remplacer(client, AGENT_59, NATIONALITE, LISIBLE)).status_code == 403


async def test_seul_un_service_ouvre_une_ronde(client: httpx.AsyncClient, depose: str) -> None:
    corps = {"ronde": 1, "pieces": [NATIONALITE]}
    reponse = await client.post("/dossiers/dos-1/complements", json=corps, headers=entetes(DEMANDEUR))
    assert reponse.status_code == 403


async def test_une_ronde_close_ne_se_rouvre_pas(client: httpx.AsyncClient, depose: str) -> None:
    await ouvrir_ronde(client)
    await sceller(client, DOSSIER_SERVICE)
    assert (await ouvrir_ronde(client)).status_code == 204  # a late repeat of round 1
    assert (await pieces(client, DEMANDEUR)).json()["rondeComplements"] is None
    await ouvrir_ronde(client, ronde=2)
    assert (await pieces(client, DEMANDEUR)).json()["rondeComplements"] == 2


async def test_un_fichier_de_la_ronde_se_retire_avant_l_envoi_et_l_ancien_redevient_courant(
    client: httpx.AsyncClient, depose: str
) -> None:
    await ouvrir_ronde(client)
    (nouveau,) = (await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE)).json()
    url = f"/dossiers/dos-1/fichiers/{nouveau['id']}"

    assert (await client.delete(url, headers=entetes(AUTRE_DEMANDEUR))).status_code == 404
    assert (await client.delete(url, headers=entetes(DEMANDEUR))).status_code == 204
    piece = (await pieces(client, DEMANDEUR)).json()["pieces"][0]
    assert [(f["id"], f["statut"]) for f in piece["fichiers"]] == [(depose, "scelle")]
    assert piece["anciennesVersions"] == []
    figee = await client.delete(f"/dossiers/dos-1/fichiers/{depose}", headers=entetes(DEMANDEUR))
    assert figee.status_code == 409  # what the agent examined stays

    (encore,) = (await remplacer(client, DEMANDEUR, NATIONALITE, LISIBLE)).json()
    await sceller(client, DOSSIER_SERVICE)  # « Valider et envoyer »: the round is closed
    refus = await client.delete(f"/dossiers/dos-1/fichiers/{encore['id']}", headers=entetes(DEMANDEUR))
    assert refus.status_code == 409


async def test_la_photo_se_met_a_jour_par_un_nouveau_numero_ephoto_dans_la_ronde(
    client: httpx.AsyncClient, depose: str
) -> None:
    url, en_tetes = "/dossiers/dos-1/ephoto", entetes(DEMANDEUR)
    nouveau = {"numeroEphoto": "9876543210987654321098"}
    assert (await client.put(url, json=nouveau, headers=en_tetes)).status_code == 409  # no round
    await ouvrir_ronde(client, pieces_=[NATIONALITE])
    assert (await client.put(url, json=nouveau, headers=en_tetes)).status_code == 409  # not asked for
    await ouvrir_ronde(client, 1, [NATIONALITE, "photographie-identite"])

    assert (await client.put(url, json={"numeroEphoto": None}, headers=en_tetes)).status_code == 422
    assert (await client.put(url, json={"numeroEphoto": "12"}, headers=en_tetes)).status_code == 422
    assert (await client.put(url, json=nouveau, headers=entetes(AUTRE_DEMANDEUR))).status_code == 404
    assert (await client.put(url, json=nouveau, headers=en_tetes)).json() == nouveau
    vue = (await pieces(client, AGENT_59)).json()
    assert (vue["numeroEphoto"], vue["ephotoRonde"]) == ("9876543210987654321098", 1)
