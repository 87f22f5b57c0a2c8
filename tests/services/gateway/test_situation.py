"""« Je déclare un changement de situation » on fakes of identity and documents: the new address
with its proof, field errors, the history; then step 1 shows the register's new address."""

from __future__ import annotations

import html

import httpx
import pytest

from contracts.clients.base import NotFound
from contracts.dossier import HORS_PROCEDURE_TITRE
from services.gateway.api.televersement import TAILLE_MAX_FICHIER
from tests.services.gateway.conftest import Site
from tests.services.gateway.fakes import FICHE
from tests.services.gateway.test_demande import PNG, commencer

pytestmark = pytest.mark.integration
URL = "/espace/changement-de-situation"
ARRAS = {"numero_voie": "3", "voie": "rue Gambetta", "code_postal": "62000", "ville": "Arras"}


async def declarer(
    site: Site, champs: dict[str, str], fichier: tuple[str, bytes, str] | None
) -> httpx.Response:
    data = {**champs, "csrf_token": await site.csrf(URL)}
    files = {"justificatif": fichier} if fichier else None
    return await site.http.post(URL, data=data, files=files)


async def test_the_page_shows_the_registers_address_the_form_and_its_limits(site: Site) -> None:
    await site.connecter()
    page = html.unescape((await site.http.get(URL)).text)
    for texte in (
        "Je déclare un changement de situation",
        "Mon adresse enregistrée",
        "RUE NATIONALE 59000 LILLE FRANCE",
        "Justificatif de domicile datant de moins de 6 mois *",
        "Formats acceptés : JPG, PNG, PDF, TIFF, BMP. Taille maximale : 10 Mo. 1 fichier.",
        'name="csrf_token"',
        "Vous n'avez déclaré aucun changement d'adresse sur ce service.",
    ):
        assert texte in page, texte
    assert (
        '<a href="/espace/changement-de-situation">Je déclare un changement de situation</a>'
        in (await site.http.get("/")).text
    )


async def test_a_move_is_declared_with_its_proof_and_kept_in_the_history(site: Site) -> None:
    await site.connecter()
    response = await declarer(site, ARRAS, ("facture.png", PNG, "image/png"))
    assert response.status_code == 303 and response.headers["location"] == f"{URL}/enregistree"
    confirmation = html.unescape((await site.http.get(f"{URL}/enregistree")).text)
    assert "Votre changement d'adresse a bien été enregistré." in confirmation
    assert "3 RUE GAMBETTA 62000 ARRAS FRANCE" in confirmation
    [changement] = site.comptes.changements
    assert changement.justificatif.dossier_id.startswith("adresse-")
    assert site.justificatifs.declarations[changement.justificatif.dossier_id] == f"demandeur:{FICHE.id}"
    page = html.unescape((await site.http.get(URL)).text)
    assert "Historique de mes déclarations" in page and "RUE NATIONALE 59000 LILLE FRANCE" in page
    assert "Mon adresse enregistrée" in page and page.count("3 RUE GAMBETTA 62000 ARRAS FRANCE") == 2
    preuve = await site.http.get(f"{URL}/justificatifs/{changement.id}")
    assert preuve.status_code == 200 and preuve.content.startswith(b"\x89PNG")
    assert (await site.http.get(f"{URL}/justificatifs/inconnu")).status_code == 404


async def test_errors_are_tied_to_their_fields_and_nothing_typed_is_lost(site: Site) -> None:
    await site.connecter()
    response = await declarer(site, {**ARRAS, "code_postal": "620", "ville": ""}, None)
    assert response.status_code == 422
    page = html.unescape(response.text)
    assert 'aria-invalid="true"' in page and 'value="rue Gambetta"' in page
    assert "Le code postal comporte 5 chiffres, par exemple 62000." in page
    assert "Saisissez la ville de votre nouvelle adresse." in page
    assert "Joignez un justificatif de domicile datant de moins de 6 mois." in page
    assert site.comptes.changements == [] and site.justificatifs.fichiers == {}


async def test_a_refused_file_gets_the_documents_message_under_its_input(site: Site) -> None:
    await site.connecter()
    texte = await declarer(site, ARRAS, ("note.txt", b"texte", "text/plain"))
    assert texte.status_code == 422
    assert "n'est pas dans un format accepté" in html.unescape(texte.text)
    trop_gros = await declarer(site, ARRAS, ("gros.png", b"\x89PNG" + b"0" * TAILLE_MAX_FICHIER, "image/png"))
    assert "dépasse la taille maximale de 10 Mo" in html.unescape(trop_gros.text)
    assert site.comptes.changements == [] and site.justificatifs.fichiers == {}


async def test_the_same_address_or_a_stale_form_changes_nothing(site: Site) -> None:
    await site.connecter()
    meme = {"voie": "rue  nationale", "code_postal": "59000", "ville": "Lille"}
    response = await declarer(site, meme, ("facture.png", PNG, "image/png"))
    assert response.status_code == 422
    assert "aucun changement à déclarer" in html.unescape(response.text)
    perime = await site.http.post(
        URL, data={**ARRAS, "csrf_token": "faux"}, files={"justificatif": ("facture.png", PNG, "image/png")}
    )
    assert perime.status_code == 403 and site.comptes.changements == []


async def test_identity_refusing_removes_the_proof_again(site: Site) -> None:
    await site.connecter()

    async def refuse(*_args: object) -> object:
        raise NotFound(404, "Demandeur introuvable.")

    site.comptes.declarer_adresse = refuse  # type: ignore[method-assign,assignment]
    response = await declarer(site, ARRAS, ("facture.png", PNG, "image/png"))
    assert response.status_code == 422 and "Demandeur introuvable." in html.unescape(response.text)
    assert all(not fichiers for fichiers in site.justificatifs.fichiers.values())


async def test_signed_out_visitors_are_sent_to_sign_in(site: Site) -> None:
    assert (await site.http.get(URL)).headers["location"] == "/connexion"
    refus = await site.http.post(URL, data=ARRAS)
    assert refus.status_code == 403


async def test_step_1_shows_the_registers_new_address_read_only_with_the_guides_notice(site: Site) -> None:
    dossier_id = await commencer(site)
    await declarer(site, ARRAS, ("facture.png", PNG, "image/png"))
    page = html.unescape((await site.http.get(f"/demande/{dossier_id}/etape/1")).text)
    assert (
        "Si l'utilisateur a déménagé, il doit d'abord déclarer son changement d'adresse sur l'ANEF avant "
        "de demander le renouvellement de son titre. Pour rappel, le changement d'adresse sur l'ANEF doit "
        "s'effectuer via la brique « Je déclare un changement de situation »"
    ) in page
    assert 'href="/espace/changement-de-situation"' in page
    assert "RUE GAMBETTA" in page and "RUE NATIONALE" not in page
    assert 'name="voie"' not in page and 'name="code_postal"' not in page  # read-only
    response = await site.post(f"/demande/{dossier_id}/etape/1", {"telephone": "0612345678"}, page=URL)
    assert response.status_code == 303


async def test_a_start_refused_by_the_dossier_is_explained_in_french(site: Site) -> None:
    await site.connecter()
    titre = site.comptes.fiche.titre_en_cours.model_copy(update={"type": "En tant qu'étudiant"})
    site.comptes.fiche = site.comptes.fiche.model_copy(update={"titre_en_cours": titre})
    response = await site.post(
        "/espace/demande/brouillon", {}, page="/espace/demande/preambule?titre=renouvellement"
    )
    assert response.status_code == 403
    assert HORS_PROCEDURE_TITRE in html.unescape(response.text)
