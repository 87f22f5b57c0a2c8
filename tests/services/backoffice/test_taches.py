"""The tasklist against a real engine: views, counts, order, claim, unclaim, préfecture rule."""

from __future__ import annotations

import re

import pytest

from tests.services.backoffice.conftest import Backoffice

pytestmark = pytest.mark.integration

LIGNE = re.compile(r'data-tache="(\d+)"')


async def cles(backoffice: Backoffice, vue: str) -> list[str]:
    page = await backoffice.http.get(f"/taches?vue={vue}")
    assert page.status_code == 200, page.text
    return LIGNE.findall(page.text)


async def test_an_agent_sees_only_the_tasks_of_their_prefecture_sorted_by_due_date(
    backoffice: Backoffice,
) -> None:
    tard = await backoffice.demarrer("examen-test", "59", "2026-09-01T10:00:00Z")
    tot = await backoffice.demarrer("examen-test", "59", "2026-07-01T10:00:00Z")
    ailleurs = await backoffice.demarrer("examen-test", "62", "2026-06-01T10:00:00Z")
    await backoffice.connecter("instructeur.nord")
    assert await cles(backoffice, "mes-groupes") == [tot, tard]
    assert await cles(backoffice, "non-assignees") == [tot, tard]
    assert await cles(backoffice, "mes-taches") == []
    await backoffice.connecter("instructeur.pas-de-calais")
    assert await cles(backoffice, "mes-groupes") == [ailleurs]


async def test_claim_and_unclaim_move_the_task_between_views_with_their_counts(
    backoffice: Backoffice,
) -> None:
    cle = await backoffice.demarrer("examen-test", "59", "2026-07-01T10:00:00Z")
    await backoffice.demarrer("examen-test", "59", "2026-08-01T10:00:00Z")
    await backoffice.connecter("instructeur.nord")
    prise = await backoffice.post(f"/taches/{cle}/prendre", page="/taches")
    assert prise.status_code == 303 and prise.headers["location"] == f"/taches/{cle}"
    assert await cles(backoffice, "mes-taches") == [cle]
    liste = (await backoffice.http.get("/taches?vue=mes-taches")).text
    assert 'data-compte="mes-taches">(1)' in liste and 'data-compte="non-assignees">(1)' in liste
    assert 'data-compte="mes-groupes">(2)' in liste and "Rendre" in liste
    tache = await backoffice.engine.get(f"/v2/user-tasks/{cle}")
    assert tache.json()["assignee"] == "agent-1"
    rendue = await backoffice.post(f"/taches/{cle}/rendre", page="/taches")
    assert rendue.status_code == 303
    assert await cles(backoffice, "mes-taches") == []
    assert (await backoffice.engine.get(f"/v2/user-tasks/{cle}")).json()["assignee"] is None


async def test_a_task_taken_by_a_colleague_cannot_be_taken_or_given_back(backoffice: Backoffice) -> None:
    cle = await backoffice.demarrer("examen-test", "59", "2026-07-01T10:00:00Z")
    await backoffice.engine.post(f"/v2/user-tasks/{cle}/assignment", json={"assignee": "agent-9"})
    await backoffice.connecter("instructeur.nord")
    assert "Assignée à un autre agent" in (await backoffice.http.get("/taches")).text
    prise = await backoffice.post(f"/taches/{cle}/prendre", page="/taches")
    assert prise.status_code == 409 and "Un autre agent a pris cette tâche" in prise.text
    rendue = await backoffice.post(f"/taches/{cle}/rendre", page="/taches")
    assert rendue.status_code == 404
    assert (await backoffice.engine.get(f"/v2/user-tasks/{cle}")).json()["assignee"] == "agent-9"


async def test_another_prefecture_task_or_a_forged_key_answers_a_french_404(backoffice: Backoffice) -> None:
    cle = await backoffice.demarrer("examen-test", "62", "2026-07-01T10:00:00Z")
    await backoffice.connecter("instructeur.nord")
    for url in (f"/taches/{cle}/prendre", "/taches/99999999/prendre", "/taches/abc/prendre"):
        refus = await backoffice.post(url, page="/taches")
        assert refus.status_code == 404 and "Page non trouvée" in refus.text, url
    assert (await backoffice.http.get(f"/taches/{cle}")).status_code == 404
    assert (await backoffice.engine.get(f"/v2/user-tasks/{cle}")).json()["assignee"] is None


async def test_validators_see_the_shared_group_tasks_of_their_prefecture_only(backoffice: Backoffice) -> None:
    nord = await backoffice.demarrer("validation-test", "59", "2026-07-01T10:00:00Z")
    pas_de_calais = await backoffice.demarrer("validation-test", "62", "2026-07-01T10:00:00Z")
    await backoffice.connecter("valideur.nord")
    assert await cles(backoffice, "mes-groupes") == [nord]
    refus = await backoffice.post(f"/taches/{pas_de_calais}/prendre", page="/taches")
    assert refus.status_code == 404
    await backoffice.connecter("instructeur.nord")  # not a valideur: the group is not theirs
    assert await cles(backoffice, "mes-groupes") == []


async def test_the_task_page_shows_the_dossier_beside_the_variables(backoffice: Backoffice) -> None:
    backoffice.dossiers.ajouter("dossier-1", "59", "ETRANGER")
    cle = await backoffice.demarrer("examen-test", "59", "2026-07-01T10:00:00Z", dossierId="dossier-1")
    await backoffice.connecter("instructeur.nord")
    page = await backoffice.http.get(f"/taches/{cle}")
    assert page.status_code == 200
    assert "Examiner la demande" in page.text and "ANEF-2026-0001" in page.text
    assert "Sept ETRANGER" in page.text and "dossierId" in page.text and "Prendre" in page.text


async def test_the_list_is_filtered_by_due_and_follow_up_dates_through_the_engine(
    backoffice: Backoffice,
) -> None:
    juillet = await backoffice.demarrer(
        "examen-test", "59", "2026-07-01T10:00:00Z", suivi="2026-06-20T08:00:00Z"
    )
    # 23:30 in Paris on 31 August, still in August for an agent of the préfecture
    aout = await backoffice.demarrer(
        "examen-test", "59", "2026-08-31T21:30:00Z", suivi="2026-06-25T08:00:00Z"
    )
    septembre = await backoffice.demarrer("examen-test", "59", "2026-09-01T10:00:00Z")
    await backoffice.connecter("instructeur.nord")
    assert await cles(backoffice, "mes-groupes&echeance_du=2026-08-01&echeance_au=2026-08-31") == [aout]
    assert await cles(backoffice, "mes-groupes&echeance_du=2026-07-01") == [juillet, aout, septembre]
    assert await cles(backoffice, "mes-groupes&echeance_au=2026-07-01") == [juillet]
    assert await cles(backoffice, "mes-groupes&suivi_du=2026-06-21&suivi_au=2026-06-30") == [aout]
    assert await cles(backoffice, "mes-groupes&tri=suivi") == [juillet, aout, septembre]
    page = (await backoffice.http.get("/taches?vue=non-assignees&echeance_du=2026-08-01")).text
    assert 'data-compte="non-assignees">(2)' in page and 'data-compte="mes-taches">(0)' in page
    # the tabs and the reset keep or drop the filters
    assert 'href="/taches?vue=mes-taches&amp;echeance_du=2026-08-01"' in page
    assert 'value="2026-08-01"' in page and "Réinitialiser les filtres" in page
    erreur = await backoffice.http.get(
        "/taches?vue=mes-groupes&echeance_du=demain&suivi_du=2026-07-01&suivi_au=2026-06-01"
    )
    assert erreur.status_code == 200 and "saisissez une date au format JJ/MM/AAAA" in erreur.text
    assert "« Suivi au » doit être après « Suivi du »." in erreur.text
    assert LIGNE.findall(erreur.text) == []  # suivi_du still applies: no task is followed up after July


async def test_the_list_is_filtered_by_process_and_task_name(backoffice: Backoffice) -> None:
    examen = await backoffice.demarrer("examen-test", "59", "2026-07-01T10:00:00Z")
    validation = await backoffice.demarrer("validation-test", "59", "2026-06-01T10:00:00Z")
    await backoffice.connecter("polyvalent.nord")
    assert await cles(backoffice, "mes-groupes") == [validation, examen]
    page = (await backoffice.http.get("/taches?vue=mes-groupes")).text
    assert '<option value="examen-test">Examen (test)</option>' in page
    assert '<option value="Valider la décision">Valider la décision</option>' in page
    assert await cles(backoffice, "mes-groupes&processus=examen-test") == [examen]
    assert await cles(backoffice, "mes-groupes&tache=Valider+la+d%C3%A9cision") == [validation]
    assert await cles(backoffice, "mes-groupes&processus=examen-test&tache=Valider+la+d%C3%A9cision") == []
    assert await cles(backoffice, "mes-groupes&tri=creation") == [examen, validation]
