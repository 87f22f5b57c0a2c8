"""The task forms of the renewal model on a real engine: the plain form and form-js's data, both
checked by the server, the actions of the process, and the four-eyes rule of the validation."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import httpx
import pytest

from plumbing.clock import PARIS
from tests.services.backoffice.conftest import Backoffice

pytestmark = pytest.mark.integration

EXAMINER, VALIDER = "UserTask_ExaminerDemande", "UserTask_ValiderDecision"


def aujourdhui() -> str:
    return datetime.now(PARIS).date().isoformat()


async def examen(backoffice: Backoffice, prefecture: str = "59") -> tuple[str, str]:
    backoffice.dossiers.ajouter("dossier-1", "59", "ETRANGER")
    instance = await backoffice.processus.demarrer("dossier-1", prefecture)
    return instance, await backoffice.processus.tache(instance, EXAMINER)


async def prendre(backoffice: Backoffice, cle: str) -> None:
    prise = await backoffice.post(f"/taches/{cle}/prendre", page="/taches")
    assert prise.status_code == 303, prise.text


async def envoyer(backoffice: Backoffice, cle: str, champs: dict[str, str]) -> httpx.Response:
    return await backoffice.post(f"/taches/{cle}/formulaire", champs, page="/taches")


async def test_the_examination_from_the_plain_form_proposes_a_decision_to_validate(
    backoffice: Backoffice,
) -> None:
    instance, cle = await examen(backoffice)
    await backoffice.connecter("instructeur.nord")
    page = (await backoffice.http.get(f"/taches/{cle}")).text
    assert "Prenez la tâche pour la traiter" in page and 'name="decision"' not in page
    refus = await envoyer(backoffice, cle, {"decision": "favorable"})
    assert refus.status_code == 409 and "Prenez la tâche avant de la terminer" in refus.text
    await prendre(backoffice, cle)
    page = (await backoffice.http.get(f"/taches/{cle}")).text
    assert 'name="decision" value="complements"' in page and 'name="piecesDemandees.0.piece"' in page
    assert 'name="motifDecision"' in page and "/static/form-js/form-viewer.umd.js" in page
    assert "Sept ETRANGER" in page
    sans_motif = await backoffice.post(
        f"/taches/{cle}/formulaire", {"decision": "defavorable"}, page=f"/taches/{cle}"
    )
    assert sans_motif.status_code == 422 and "Ce champ est obligatoire." in sans_motif.text
    assert 'value="defavorable" checked' in sans_motif.text
    assert await backoffice.processus.taches_ouvertes(instance, EXAMINER) == [cle]
    fait = await backoffice.post(
        f"/taches/{cle}/formulaire", {"decision": "favorable"}, page=f"/taches/{cle}"
    )
    assert fait.status_code == 303, fait.text
    await backoffice.processus.tache(instance, VALIDER)
    variables = await backoffice.processus.variables(instance)
    assert variables["decision"] == "favorable" and variables["examinateur"] == "agent-1"


async def test_a_complement_request_lists_each_document_with_its_observation(backoffice: Backoffice) -> None:
    instance, cle = await examen(backoffice)
    await backoffice.connecter("instructeur.nord")
    await prendre(backoffice, cle)
    champs = {
        "decision": "complements",
        "piecesDemandees.0.piece": "justificatif-domicile",
        "piecesDemandees.0.motif": "perime",
        "piecesDemandees.0.precisionMotif": "caché : ignoré",
        "piecesDemandees.0.observation": "Le justificatif date de plus de 6 mois.",
        "piecesDemandees.2.piece": "photographie-identite",
        "piecesDemandees.2.motif": "autre",
        "piecesDemandees.2.observation": "Le numéro e-photo est illisible.",
    }
    mauvais = await backoffice.post(
        f"/taches/{cle}/formulaire",
        {**champs, "piecesDemandees.1.piece": "passeport-inconnu", "autre": "x"},
        page=f"/taches/{cle}",
    )
    assert mauvais.status_code == 422
    assert "Choisissez une des valeurs proposées." in mauvais.text and "Champ inconnu." in mauvais.text
    sans_precision = await backoffice.post(f"/taches/{cle}/formulaire", champs, page=f"/taches/{cle}")
    assert sans_precision.status_code == 422  # « Autre motif » says which
    champs["piecesDemandees.2.precisionMotif"] = "Numéro d'une autre personne"
    fait = await backoffice.post(f"/taches/{cle}/formulaire", champs, page=f"/taches/{cle}")
    assert fait.status_code == 303, fait.text
    await backoffice.processus.attendre(instance, "Task_OuvrirComplements")
    variables = await backoffice.processus.variables(instance)
    assert variables["piecesDemandees"] == [
        {
            "piece": "justificatif-domicile",
            "motif": "perime",
            "observation": "Le justificatif date de plus de 6 mois.",
        },
        {
            "piece": "photographie-identite",
            "motif": "autre",
            "precisionMotif": "Numéro d'une autre personne",
            "observation": "Le numéro e-photo est illisible.",
        },
    ]


async def test_form_js_gets_the_schema_and_its_data_is_checked_too(backoffice: Backoffice) -> None:
    instance, cle = await examen(backoffice)
    await backoffice.connecter("instructeur.nord")
    await prendre(backoffice, cle)
    formulaire = (await backoffice.http.get(f"/taches/{cle}/formulaire.json")).json()
    assert formulaire["schema"]["id"] == "examen-demande"
    assert formulaire["data"]["numeroDemande"] == "5901203003170000001"
    assert (await backoffice.http.get("/static/form-js/form-viewer.umd.js")).status_code == 200
    assert "FormViewer" in (await backoffice.http.get("/static/backoffice/tache.js")).text
    trop = json.dumps({"decision": "defavorable", "motifDecision": "x" * 5001})
    refus = await envoyer(backoffice, cle, {"donnees": trop})
    assert refus.status_code == 422 and "5000 caractères au plus." in refus.text
    donnees = json.dumps({"decision": "defavorable", "motifDecision": "Menace pour l'ordre public."})
    fait = await envoyer(backoffice, cle, {"donnees": donnees})
    assert fait.status_code == 303
    await backoffice.processus.tache(instance, VALIDER)
    assert (await backoffice.processus.variables(instance))["motifDecision"] == "Menace pour l'ordre public."


async def test_the_examiner_cannot_validate_their_own_decision(backoffice: Backoffice) -> None:
    instance, cle = await examen(backoffice)
    await backoffice.connecter("polyvalent.nord")
    await prendre(backoffice, cle)
    assert (await envoyer(backoffice, cle, {"decision": "favorable"})).status_code == 303
    validation = await backoffice.processus.tache(instance, VALIDER)
    await prendre(backoffice, validation)
    page = (await backoffice.http.get(f"/taches/{validation}")).text
    assert "data-quatre-yeux" in page and 'name="validationDecision"' not in page
    refus = await envoyer(
        backoffice, validation, {"validationDecision": "validee", "dateDecision": aujourdhui()}
    )
    assert refus.status_code == 403 and "validée par un autre agent" in refus.text
    assert await backoffice.processus.taches_ouvertes(instance, VALIDER) == [validation]
    assert (await backoffice.post(f"/taches/{validation}/rendre", page="/taches")).status_code == 303
    await backoffice.connecter("valideur.nord")
    await prendre(backoffice, validation)
    sans_observation = await envoyer(backoffice, validation, {"validationDecision": "renvoyee"})
    assert sans_observation.status_code == 422
    fait = await envoyer(
        backoffice, validation, {"validationDecision": "validee", "dateDecision": aujourdhui()}
    )
    assert fait.status_code == 303
    await backoffice.processus.attendre(instance, "Task_EnregistrerDecision")
    assert (await backoffice.processus.variables(instance))["dateDecision"] == aujourdhui()


async def test_the_valideur_records_the_decision_s_date_today_by_default_within_its_bounds(
    backoffice: Backoffice,
) -> None:
    """Today by default; neither in the future nor before the deposit (ten days ago here)."""
    instance, cle = await examen(backoffice)
    await backoffice.connecter("polyvalent.nord")
    await prendre(backoffice, cle)
    assert (await envoyer(backoffice, cle, {"decision": "favorable"})).status_code == 303
    validation = await backoffice.processus.tache(instance, VALIDER)
    await backoffice.connecter("valideur.nord")
    await prendre(backoffice, validation)
    page = (await backoffice.http.get(f"/taches/{validation}")).text
    assert f'name="dateDecision" type="date" value="{aujourdhui()}"' in page
    assert "Date de la décision" in page
    formulaire = (await backoffice.http.get(f"/taches/{validation}/formulaire.json")).json()
    assert formulaire["data"]["dateDecision"] == aujourdhui()
    jour = date.fromisoformat(aujourdhui())
    for mauvaise, message in (
        (jour + timedelta(days=1), "ne peut pas être postérieure au"),
        (jour - timedelta(days=11), "ne peut pas être antérieure au"),
    ):
        refus = await envoyer(
            backoffice, validation, {"validationDecision": "validee", "dateDecision": mauvaise.isoformat()}
        )
        assert refus.status_code == 422 and message in refus.text, refus.text
        assert f'value="{mauvaise.isoformat()}"' in refus.text  # nothing lost
    sans_date = await envoyer(
        backoffice, validation, {"donnees": json.dumps({"validationDecision": "validee"})}
    )
    assert sans_date.status_code == 422 and "Ce champ est obligatoire." in sans_date.text
    hier = (jour - timedelta(days=1)).isoformat()
    donnees = json.dumps({"validationDecision": "validee", "dateDecision": hier})
    assert (await envoyer(backoffice, validation, {"donnees": donnees})).status_code == 303
    await backoffice.processus.attendre(instance, "Task_EnregistrerDecision")
    assert (await backoffice.processus.variables(instance))["dateDecision"] == hier


async def test_another_prefecture_form_is_not_found(backoffice: Backoffice) -> None:
    instance, cle = await examen(backoffice, prefecture="62")
    await backoffice.connecter("instructeur.nord")
    assert (await backoffice.http.get(f"/taches/{cle}/formulaire.json")).status_code == 404
    refus = await envoyer(backoffice, cle, {"decision": "favorable"})
    assert refus.status_code == 404
    assert await backoffice.processus.taches_ouvertes(instance, EXAMINER) == [cle]
