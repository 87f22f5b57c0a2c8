"""The dossier beside the task, its files shown inline through the back-office, and the audit
trail of the agents' actions, on a real engine (the services' APIs faked as the pages see them)."""

from __future__ import annotations

import pytest

from contracts.dossier import ActionAgent
from tests.services.backoffice.conftest import Backoffice
from tests.services.backoffice.test_formulaires import EXAMINER, VALIDER, envoyer, examen, prendre

pytestmark = pytest.mark.integration


async def test_the_task_page_shows_the_whole_dossier_with_its_files_inline(backoffice: Backoffice) -> None:
    _, cle = await examen(backoffice)
    await backoffice.connecter("instructeur.nord")
    backoffice.dossiers.appels.clear()
    page = await backoffice.http.get(f"/taches/{cle}")
    assert page.status_code == 200
    texte = page.text
    for attendu in (
        "État civil", "Sept ETRANGER", "CONAKRY", "Étape 1 : informations personnelles",
        "Étape 2 : motif de séjour", "Étape 3 : justificatifs", "Justificatif de nationalité",
        "1234567890123456789012", "Étape 4 : dépôt", "Confirmation de dépôt", "lue le 03/03/2026 10:31",
        "Aucune demande de complément.", "Historique", "Demande déposée",
    ):  # fmt: skip
        assert attendu in texte, attendu
    assert '<img class="anef-apercu" src="/dossiers/dossier-1/fichiers/dossier-1-photo"' in texte
    assert '<iframe class="anef-apercu" src="/dossiers/dossier-1/fichiers/dossier-1-acte"' in texte
    # one call to the dossier service, one to the notifier (the session is identity's)
    assert sorted(backoffice.dossiers.appels) == ["dossier", "notifier"]
    assert "frame-src 'self'" in page.headers["content-security-policy"]


async def test_a_file_is_served_inline_to_an_agent_of_the_prefecture_only(backoffice: Backoffice) -> None:
    backoffice.dossiers.ajouter("dossier-1", "59", "ETRANGER")
    anonyme = await backoffice.http.get("/dossiers/dossier-1/fichiers/dossier-1-acte")
    assert anonyme.status_code == 303 and anonyme.headers["location"] == "/connexion"
    await backoffice.connecter("instructeur.nord")
    pdf = await backoffice.http.get("/dossiers/dossier-1/fichiers/dossier-1-acte")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith('inline; filename="acte de naissance.pdf"')
    assert "frame-ancestors 'self'" in pdf.headers["content-security-policy"]
    assert pdf.headers["x-frame-options"] == "SAMEORIGIN" and pdf.content.startswith(b"%PDF")
    image = await backoffice.http.get("/dossiers/dossier-1/fichiers/dossier-1-photo")
    assert image.headers["content-type"] == "image/png" and image.headers["content-disposition"].startswith(
        "inline"
    )
    assert (await backoffice.http.get("/dossiers/dossier-1/fichiers/autre-dossier-photo")).status_code == 404
    assert (await backoffice.http.get("/dossiers/dossier-1/fichiers/..%2Fetc")).status_code == 404
    await backoffice.connecter("instructeur.pas-de-calais")
    refus = await backoffice.http.get("/dossiers/dossier-1/fichiers/dossier-1-acte")
    assert refus.status_code == 404 and "Page non trouvée" in refus.text


async def test_every_action_of_the_agents_is_recorded_and_shown_in_the_history(
    backoffice: Backoffice,
) -> None:
    instance, cle = await examen(backoffice)
    await backoffice.connecter("instructeur.nord")
    await prendre(backoffice, cle)
    rendue = await backoffice.post(f"/taches/{cle}/rendre", page="/taches")
    assert rendue.status_code == 303
    await prendre(backoffice, cle)
    await prendre(backoffice, cle)  # already the agent's: nothing more to record
    fait = await envoyer(backoffice, cle, {"decision": "favorable"})
    assert fait.status_code == 303, fait.text
    actions = backoffice.dossiers.actions["dossier-1"]
    assert [(a.action, a.agent_id, a.agent_nom, a.tache) for a in actions] == [
        (ActionAgent.PRISE, "agent-1", "Camille DURAND", "Examiner la demande"),
        (ActionAgent.RENDUE, "agent-1", "Camille DURAND", "Examiner la demande"),
        (ActionAgent.PRISE, "agent-1", "Camille DURAND", "Examiner la demande"),
        (ActionAgent.TERMINEE, "agent-1", "Camille DURAND", "Examiner la demande"),
    ]
    assert actions[-1].resultat == "Suite proposée : Décision favorable"
    validation = await backoffice.processus.tache(instance, VALIDER)
    await backoffice.connecter("valideur.nord")
    page = (await backoffice.http.get(f"/taches/{validation}")).text
    assert page.count("data-action") == 4
    assert "Tâche terminée : Examiner la demande" in page and "par Camille DURAND (agent-1)" in page
    assert await backoffice.processus.taches_ouvertes(instance, EXAMINER) == []
