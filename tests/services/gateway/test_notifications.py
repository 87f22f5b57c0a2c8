"""Screen 6, « Mes Notifications », on a fake of the notifier: list, filter, pages, opening, PDF."""

from __future__ import annotations

import html

import pytest

from contracts.process import Modele
from tests.services.gateway.conftest import Site
from tests.services.gateway.test_demande import commencer

pytestmark = pytest.mark.integration


async def contenu(site: Site, url: str) -> str:
    """The page's main content, without the bell (which lists the unread notifications too)."""
    page = html.unescape((await site.http.get(url)).text)
    return page[page.index('id="contenu"') :]


async def test_the_list_has_the_guide_columns_and_the_bell_leads_to_it(site: Site) -> None:
    site.notifications.ajouter("Demande de complément")
    site.notifications.ajouter("Notification de décision", type=Modele.ATTESTATION_DECISION_FAVORABLE)
    await site.connecter()
    home = html.unescape((await site.http.get("/")).text)
    assert 'href="/espace/notifications">Voir toutes mes notifications' in home
    assert 'href="/espace/notifications/n2"' in home
    page = html.unescape((await site.http.get("/espace/notifications")).text)
    for texte in (
        "Mes Notifications",
        "Vous pouvez suivre votre correspondance avec l'administration ci-dessous.",
        "L'ouverture d'une notification fait office, pour l'administration, d'accusé de réception",
        "Filtrer mes notifications :",
        "Toutes les notifications",
        "Notifications lues",
        "Notifications non lues",
        "Résultats par page :",
        "12/09/2023",
        "SEJOUR",
        "Non lue",
        "Retour à mon compte",
    ):
        assert texte in page, texte
    assert page.index("Notification de décision") < page.index("Demande de complément</a>")


async def test_opening_marks_read_and_the_filter_follows(site: Site) -> None:
    site.notifications.ajouter("Demande de complément")
    site.notifications.ajouter("Notification de décision", type=Modele.ATTESTATION_DECISION_FAVORABLE)
    await site.connecter()
    ouverte = html.unescape((await site.http.get("/espace/notifications/n1")).text)
    for texte in (
        "Demande de complément",
        "Bonjour SEPT ETRANGER",
        "Justificatif de nationalité :",
        "Veuillez fournir une copie lisible de votre passeport.",
        "Lue le 14/09/2023",
        "Retour à toutes mes notifications",
        "L'agent Instructeur",
    ):
        assert texte in ouverte, texte
    assert '<span class="anef-pastille">1<' in ouverte  # the bell counts what is left unread
    lues = await contenu(site, "/espace/notifications?lecture=lues")
    assert "Lu le 14/09/2023" in lues and "Notification de décision" not in lues
    assert '<option value="lues" selected>' in lues
    non_lues = await contenu(site, "/espace/notifications?lecture=non-lues")
    assert "Notification de décision" in non_lues and "Demande de complément</a>" not in non_lues
    bizarre = await site.http.get("/espace/notifications?lecture=x&page=-3&par_page=999999999")
    assert bizarre.status_code == 200 and '<option value="toutes" selected>' in bizarre.text


async def test_pages_of_ten(site: Site) -> None:
    for i in range(12):
        site.notifications.ajouter(f"Notification {i:02d}", type=Modele.ATTESTATION_PROLONGATION)
    await site.connecter()
    premiere = await contenu(site, "/espace/notifications")
    assert "1 sur 2" in premiere and "Notification 11" in premiere and "Notification 01" not in premiere
    assert (
        'href="?lecture=toutes&amp;par_page=10&amp;page=2"'
        in (await site.http.get("/espace/notifications")).text
    )
    seconde = await contenu(site, "/espace/notifications?page=2")
    assert "2 sur 2" in seconde and "Notification 01" in seconde and "Notification 11" not in seconde
    tout = await contenu(site, "/espace/notifications?par_page=20")
    assert "Notification 00" in tout and "Page suivante" not in tout


async def test_the_attached_pdf_is_downloaded_from_the_applicants_dossier(site: Site) -> None:
    dossier_id = await commencer(site)
    site.justificatifs.generer_confirmation(dossier_id)
    site.notifications.ajouter(
        "Notification de décision",
        type=Modele.ATTESTATION_DECISION_FAVORABLE,
        dossier_id=dossier_id,
        document_id="g1",
    )
    page = html.unescape((await site.http.get("/espace/notifications/n1")).text)
    lien = f'href="/demande/{dossier_id}/documents/g1"'
    assert lien in page and "Voir le document" in page and "Répondre à la demande" not in page
    pdf = await site.http.get(f"/demande/{dossier_id}/documents/g1")
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]


async def test_someone_elses_notification_is_a_french_404(site: Site) -> None:
    site.notifications.ajouter("Demande de complément", pour="demandeur:compte-8")
    await site.connecter()
    response = await site.http.get("/espace/notifications/n1")
    assert response.status_code == 404 and "Page non trouvée" in response.text
    assert "Demande de complément" not in (await site.http.get("/espace/notifications")).text
    assert site.notifications.notifications[0][1].lue_le is None


async def test_the_list_needs_a_session(site: Site) -> None:
    for url in ("/espace/notifications", "/espace/notifications/n1"):
        response = await site.http.get(url)
        assert response.status_code == 303 and response.headers["location"] == "/connexion"
