"""The answer to a « Demande de complément » on fakes: the demand and its deadline as the notifier
wrote it, « Maintenir le Document » / « Mettre à jour le Document », refused files, « Valider et
envoyer » once, the read-only round, and nobody else's round."""

from __future__ import annotations

import html
from typing import Any

import httpx
import pytest

from contracts.dossier import ReponseComplement, Statut
from services.gateway.api.televersement import TAILLE_MAX_FICHIER
from tests.services.gateway.conftest import Site
from tests.services.gateway.fakes_notifications import AVERTISSEMENT
from tests.services.gateway.test_demande import PNG
from tests.services.gateway.test_suivi import deposee, version

pytestmark = pytest.mark.integration
NATIONALITE, DOMICILE = "justificatif-nationalite", "justificatif-domicile"
OBSERVATION = "Veuillez fournir une copie lisible de votre passeport."


async def ronde_ouverte(site: Site) -> str:
    """A deposited dossier, its passport examined, two documents asked for and notified."""
    dossier_id = await deposee(site)
    site.justificatifs.fichiers[NATIONALITE] = [version("f1", "234.PNG", 1)]
    site.demandes.complements.ouvrir(
        dossier_id,
        (NATIONALITE, "Justificatif de nationalité", OBSERVATION),
        (DOMICILE, "Justificatif de domicile datant de moins de 6 mois", "Facture trop ancienne."),
    )
    site.notifications.ajouter("Demande de complément", dossier_id=dossier_id)
    return dossier_id


async def envoyer(
    site: Site, dossier_id: str, data: dict[str, str], files: list[tuple[str, Any]] | None = None
) -> httpx.Response:
    url = f"/demande/{dossier_id}/complements/1"
    jeton = await site.csrf(url)
    return await site.http.post(url, data={**data, "csrf_token": jeton}, files=files or [])


def texte(response: httpx.Response) -> str:
    return html.unescape(response.text)


async def test_the_notification_leads_to_the_round_with_the_demand_and_its_deadline(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    notification = texte(await site.http.get("/espace/notifications/n1"))
    assert f'href="/demande/{dossier_id}/complements">Répondre à la demande' in notification
    suivi = texte(await site.http.get(f"/demande/{dossier_id}/suivi"))
    assert "Une demande de complément attend votre réponse" in suivi
    assert f'href="/demande/{dossier_id}/complements"' in suivi
    aller = await site.http.get(f"/demande/{dossier_id}/complements")
    assert aller.headers["location"] == f"/demande/{dossier_id}/complements/1"
    page = texte(await site.http.get(aller.headers["location"]))
    for attendu in (
        "Demande de complément",
        "Vous devez mettre à jour ou maintenir tous les documents justificatifs",
        "Justificatif de nationalité :",
        "234.PNG",
        f'href="/demande/{dossier_id}/fichiers/f1"',
        "Observations :",
        OBSERVATION,
        "Facture trop ancienne.",
        "Votre réponse * :",
        "Maintenir le Document",
        "Mettre à jour le Document",
        "veuillez préciser les raisons du maintien du document *",
        "Joindre un document",
        "Message à l'agent",
        AVERTISSEMENT,
        "Vous avez pris connaissance de cette demande le 14/09/2023",
        "Valider et envoyer",
    ):
        assert attendu in page, attendu
    assert "30 jours" not in page


async def test_the_page_opens_the_demand_it_shows(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    await site.http.get(f"/demande/{dossier_id}/complements/1")
    assert site.notifications.notifications[0][1].lue_le is not None


async def test_maintaining_needs_a_reason_and_sending_needs_every_answer(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    sans_motif = await envoyer(
        site, dossier_id, {f"reponse_{NATIONALITE}": "maintenir", f"message_{DOMICILE}": "Bonjour"}
    )
    page = texte(sans_motif)
    assert sans_motif.status_code == 422
    assert "Veuillez préciser les raisons du maintien du document." in page
    assert 'value="maintenir" checked' in page and "Bonjour</textarea>" in page
    incomplet = await envoyer(
        site,
        dossier_id,
        {f"reponse_{NATIONALITE}": "maintenir", f"motif_{NATIONALITE}": "Deux pages", "action": "envoyer"},
    )
    assert incomplet.status_code == 422 and "Votre réponse est obligatoire" in texte(incomplet)
    assert site.demandes.complements.envois == 0
    ronde = site.demandes.complements.rondes[dossier_id][0]
    assert ronde.pieces[0].reponse is ReponseComplement.MAINTENIR and ronde.pieces[0].motif == "Deux pages"
    rouverte = texte(await site.http.get(f"/demande/{dossier_id}/complements/1"))
    assert "Deux pages</textarea>" in rouverte


async def test_refused_files_keep_the_services_message_and_lose_nothing_else(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    valeurs = {
        f"reponse_{NATIONALITE}": "mettre_a_jour",
        f"message_{NATIONALITE}": "Voici la copie lisible.",
        f"reponse_{DOMICILE}": "maintenir",
        f"motif_{DOMICILE}": "Facture du mois dernier.",
        "action": f"joindre:{NATIONALITE}",
    }
    refus = await envoyer(
        site,
        dossier_id,
        valeurs,
        [
            (f"fichiers_{NATIONALITE}", ("passeport.txt", b"pas une image", "text/plain")),
            (f"fichiers_{DOMICILE}", ("facture.png", b"0" * (TAILLE_MAX_FICHIER + 1), "image/png")),
        ],
    )
    page = texte(refus)
    assert refus.status_code == 422
    assert "n'est pas dans un format accepté : JPG, PNG, PDF, TIFF ou BMP." in page
    assert "Le fichier « facture.png » dépasse la taille maximale de 10 Mo." in page
    assert "Voici la copie lisible.</textarea>" in page and "Facture du mois dernier.</textarea>" in page
    assert site.justificatifs.remplacements == 0
    joint = await envoyer(
        site, dossier_id, valeurs, [(f"fichiers_{NATIONALITE}", ("6657.PNG", PNG, "image/png"))]
    )
    assert joint.headers["location"] == f"/demande/{dossier_id}/complements/1#piece-{NATIONALITE}"
    nouveau = site.justificatifs.fichiers[NATIONALITE][0]
    assert (nouveau.nom_fichier, nouveau.version, nouveau.ronde) == ("6657.PNG", 2, 1)
    page = texte(await site.http.get(f"/demande/{dossier_id}/complements/1"))
    assert "6657.PNG" in page and f'href="/demande/{dossier_id}/fichiers/f1"' in page


async def test_an_update_without_a_new_file_is_refused_under_its_document(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    refus = await envoyer(
        site,
        dossier_id,
        {
            f"reponse_{NATIONALITE}": "mettre_a_jour",
            f"reponse_{DOMICILE}": "maintenir",
            f"motif_{DOMICILE}": "Récente.",
            "action": "envoyer",
        },
    )
    assert refus.status_code == 422
    assert "Joignez le nouveau document avant d'envoyer votre réponse." in texte(refus)
    assert site.demandes.dossiers[dossier_id].statut is Statut.COMPLEMENTS_DEMANDES


async def test_valider_et_envoyer_sends_once_then_the_round_is_read_only(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    await site.http.get(f"/demande/{dossier_id}/complements/1")  # the demand is read
    valeurs = {
        f"reponse_{NATIONALITE}": "mettre_a_jour",
        f"message_{NATIONALITE}": "Copie lisible.",
        f"reponse_{DOMICILE}": "maintenir",
        f"motif_{DOMICILE}": "Facture du mois dernier.",
        "action": "envoyer",
    }
    fichier = [(f"fichiers_{NATIONALITE}", ("6657.PNG", PNG, "image/png"))]
    jeton = await site.csrf(f"/demande/{dossier_id}/complements/1")
    url = f"/demande/{dossier_id}/complements/1"
    premier = await site.http.post(url, data={**valeurs, "csrf_token": jeton}, files=fichier)
    second = await site.http.post(url, data={**valeurs, "csrf_token": jeton}, files=fichier)
    assert premier.headers["location"] == second.headers["location"] == url
    assert site.demandes.complements.envois == 1 and site.justificatifs.remplacements == 1
    assert site.demandes.dossiers[dossier_id].statut is Statut.COMPLEMENTS_DEPOSES
    # « Demande de complément répondu » is the notifier's, from the dossier's event: no second call
    assert site.notifications.notifications[0][1].repondue_le is None
    page = texte(await site.http.get(url))
    for attendu in (
        "Votre réponse a bien été envoyée",
        "envoyée le 02/05/2024",
        "Mettre à jour le Document",
        "Copie lisible.",
        "6657.PNG",
        "Raisons du maintien du document :</strong> Facture du mois dernier.",
    ):
        assert attendu in page, attendu
    assert "Valider et envoyer" not in page and "<textarea" not in page
    site.notifications.noter_reponse("n1")
    notification = texte(await site.http.get("/espace/notifications/n1"))
    assert "Répondre à la demande" not in notification and "Voir ma réponse" in notification


async def test_a_refused_token_writes_nothing(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    refus = await site.http.post(
        f"/demande/{dossier_id}/complements/1",
        data={f"reponse_{DOMICILE}": "maintenir", f"motif_{DOMICILE}": "x", "csrf_token": "faux"},
        files=[(f"fichiers_{NATIONALITE}", ("6657.PNG", PNG, "image/png"))],
    )
    assert refus.status_code == 403
    assert site.justificatifs.remplacements == 0
    assert site.demandes.complements.rondes[dossier_id][0].pieces[1].reponse is None


async def test_someone_elses_round_is_a_french_404(site: Site) -> None:
    dossier_id = await ronde_ouverte(site)
    site.demandes.dossiers[dossier_id] = site.demandes.dossiers[dossier_id].model_copy(
        update={"demandeur_id": "compte-8"}
    )
    for url in (f"/demande/{dossier_id}/complements", f"/demande/{dossier_id}/complements/1"):
        response = await site.http.get(url)
        assert response.status_code == 404 and "Page non trouvée" in response.text, url
    jeton = await site.csrf("/espace/demande")
    refus = await site.http.post(
        f"/demande/{dossier_id}/complements/1",
        data={f"reponse_{DOMICILE}": "maintenir", f"motif_{DOMICILE}": "x", "csrf_token": jeton},
    )
    assert refus.status_code == 404
    assert site.demandes.complements.rondes[dossier_id][0].pieces[1].reponse is None


async def test_without_a_round_the_answer_page_leads_back_to_ma_demande(site: Site) -> None:
    dossier_id = await deposee(site)
    response = await site.http.get(f"/demande/{dossier_id}/complements")
    assert response.headers["location"] == f"/demande/{dossier_id}/suivi"
    assert (await site.http.get(f"/demande/{dossier_id}/complements/1")).status_code == 404


async def test_a_joined_file_is_taken_back_and_the_e_photo_gets_a_new_number(site: Site) -> None:
    dossier_id = await deposee(site)
    site.justificatifs.ephoto = "1234567890123456789012"
    site.demandes.complements.ouvrir(
        dossier_id,
        (DOMICILE, "Justificatif de domicile datant de moins de 6 mois", "Facture trop ancienne."),
        ("photographie-identite", "Photographie d'identité récente", "Photo trop ancienne."),
    )
    site.notifications.ajouter("Demande de complément", dossier_id=dossier_id)
    joint = await envoyer(
        site,
        dossier_id,
        {f"reponse_{DOMICILE}": "mettre_a_jour", "action": f"joindre:{DOMICILE}"},
        [(f"fichiers_{DOMICILE}", ("erreur.png", PNG, "image/png"))],
    )
    assert joint.headers["location"].endswith(f"#piece-{DOMICILE}")
    page = texte(await site.http.get(f"/demande/{dossier_id}/complements/1"))
    assert 'value="supprimer:r1-1">Supprimer<span class="fr-sr-only"> erreur.png' in page
    assert "Numéro ephoto : 1234567890123456789012" in page and 'id="ephoto"' in page

    retire = await envoyer(
        site, dossier_id, {f"reponse_{DOMICILE}": "mettre_a_jour", "action": "supprimer:r1-1"}
    )
    assert retire.headers["location"].endswith(f"#piece-{DOMICILE}")
    assert site.justificatifs.fichiers[DOMICILE] == []
    refus = await envoyer(
        site, dossier_id, {"reponse_photographie-identite": "mettre_a_jour", "ephoto": "98765"}
    )
    assert refus.status_code == 422 and "22 chiffres" in texte(refus)
    nouveau = await envoyer(
        site,
        dossier_id,
        {"reponse_photographie-identite": "mettre_a_jour", "ephoto": "9876543210987654321098"},
    )
    assert nouveau.status_code == 303 and site.justificatifs.ephoto == "9876543210987654321098"
