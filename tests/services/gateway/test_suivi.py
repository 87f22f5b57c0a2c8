"""Screen 6, « Ma demande », on fakes: status, full history, documents and versions, notifications,
and the withdrawal « Je me désiste » with its confirmation, until the decision."""

from __future__ import annotations

import html

import pytest

from contracts.documents import FichierPiece, PieceCode, StatutFichier
from contracts.dossier import EtapeDepot, Statut
from tests.services.gateway.conftest import Site
from tests.services.gateway.fakes import FICHE
from tests.services.gateway.fakes_demande import MOMENT
from tests.services.gateway.test_demande import commencer

pytestmark = pytest.mark.integration
SEPT = f"demandeur:{FICHE.id}"


async def deposee(site: Site) -> str:
    dossier_id = await commencer(site)
    await site.demandes.deposer(SEPT, dossier_id, EtapeDepot())
    site.demandes._maj(site.demandes.dossiers[dossier_id], numero_demande="5901202405020000001")
    return dossier_id


def version(id_: str, nom: str, numero: int) -> FichierPiece:
    return FichierPiece(
        id=id_,
        dossier_id="d1",
        piece=PieceCode.JUSTIFICATIF_NATIONALITE,
        nom_fichier=nom,
        type_media="image/png",
        taille=10,
        sha256="0" * 64,
        version=numero,
        ronde=numero - 1,
        statut=StatutFichier.SCELLE if numero == 2 else StatutFichier.REMPLACE,
        depose_le=MOMENT,
    )


async def test_ma_demande_shows_status_history_documents_versions_and_notifications(site: Site) -> None:
    dossier_id = await deposee(site)
    site.demandes.passer_a(dossier_id, Statut.EN_INSTRUCTION)
    code = PieceCode.JUSTIFICATIF_NATIONALITE.value
    site.justificatifs.fichiers[code] = [version("f2", "6657.PNG", 2)]
    site.justificatifs.anciennes[code] = [version("f1", "234.PNG", 1)]
    site.justificatifs.generer_confirmation(dossier_id)
    site.notifications.ajouter("Demande de complément", dossier_id=dossier_id)
    site.notifications.ajouter("Autre dossier", dossier_id="ailleurs")
    page = html.unescape((await site.http.get(f"/demande/{dossier_id}/suivi")).text)
    for texte in (
        "Ma demande de titre de séjour",
        "Demande en cours d'instruction",
        "N° de la demande : <strong>5901202405020000001",
        "Déposée le 02/05/2024",
        "Historique de ma demande",
        "02/05/2024</span> : Demande déposée",
        "Demande en cours d'instruction",
        "6657.PNG",
        "Version 2 (version actuelle)",
        "234.PNG",
        "Version 1 du ",
        "Confirmation de dépôt",
        f'href="/demande/{dossier_id}/documents/g1"',
        'href="/espace/notifications/n1">Demande de complément',
        "Je me désiste",
    ):
        assert texte in page, texte
    assert "Autre dossier</a>" not in page.split('id="contenu"')[1].split("Voir toutes")[0]
    ancienne = await site.http.get(f"/demande/{dossier_id}/fichiers/f1")
    assert ancienne.status_code == 200 and "234.PNG" in ancienne.headers["content-disposition"]
    choix = html.unescape((await site.http.get("/espace/demande")).text)
    assert f'href="/demande/{dossier_id}/suivi">Ma demande n° 5901202405020000001' in choix


async def test_withdrawal_is_confirmed_then_closes_the_application(site: Site) -> None:
    dossier_id = await deposee(site)
    confirmer = html.unescape((await site.http.get(f"/demande/{dossier_id}/desistement")).text)
    assert "Voulez-vous vraiment vous désister de votre demande" in confirmer
    assert "Je confirme mon désistement" in confirmer
    refuse = await site.http.post(f"/demande/{dossier_id}/desistement", data={"csrf_token": "faux"})
    assert refuse.status_code == 403 and site.demandes.dossiers[dossier_id].statut is Statut.DEPOSEE
    fait = await site.post(f"/demande/{dossier_id}/desistement", {}, page=f"/demande/{dossier_id}/suivi")
    assert fait.headers["location"] == f"/demande/{dossier_id}/suivi"
    page = html.unescape((await site.http.get(f"/demande/{dossier_id}/suivi")).text)
    assert "Demande clôturée : désistement" in page and "Désistement le 02/05/2024" in page
    assert "Je me désiste" not in page
    again = await site.http.get(f"/demande/{dossier_id}/desistement")
    assert again.headers["location"] == f"/demande/{dossier_id}/suivi"


async def test_no_withdrawal_after_the_decision(site: Site) -> None:
    dossier_id = await deposee(site)
    site.demandes.passer_a(dossier_id, Statut.ACCEPTEE)
    assert "Je me désiste" not in (await site.http.get(f"/demande/{dossier_id}/suivi")).text
    refus = await site.post(f"/demande/{dossier_id}/desistement", {}, page=f"/demande/{dossier_id}/suivi")
    assert refus.status_code == 409 and "le désistement n'est plus possible" in html.unescape(refus.text)


async def test_a_draft_has_no_follow_up_page(site: Site) -> None:
    dossier_id = await commencer(site)
    response = await site.http.get(f"/demande/{dossier_id}/suivi")
    assert response.headers["location"] == f"/demande/{dossier_id}"


async def test_someone_elses_dossier_or_file_is_a_french_404(site: Site) -> None:
    dossier_id = await deposee(site)
    site.demandes.dossiers[dossier_id] = site.demandes.dossiers[dossier_id].model_copy(
        update={"demandeur_id": "compte-8"}
    )
    for url in (
        f"/demande/{dossier_id}/suivi",
        f"/demande/{dossier_id}/desistement",
        f"/demande/{dossier_id}/fichiers/f1",
    ):
        response = await site.http.get(url)
        assert response.status_code == 404 and "Page non trouvée" in response.text, url
    refus = await site.post(f"/demande/{dossier_id}/desistement", {}, page="/espace/demande")
    assert refus.status_code == 404 and site.demandes.dossiers[dossier_id].statut is Statut.DEPOSEE
