"""The instruction rules of the model through the engine: the valideur's decision date, the agent who
decides once the response deadline has passed, the local 15-day rule, the four-month alert.

The engine's clock moves as in test_paths; the decision's documents and the new title are prepared
from what their jobs received, with the services' own domain code, on the day the job ran.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contracts.jobs.identity import EnregistrerTitre
from contracts.process import PROCESS_ID, JobType, Message, Variable
from services.identity.domain.registre import periode_carte_pluriannuelle
from services.pdf.domain.documents import preparer_document
from tests.bpmn.harness import DAY, REPO, T0, Renewal, StandIns
from tests.bpmn.test_paths import (
    ALERTE,
    DOSSIER,
    EXAMEN,
    PIECES,
    SANS_REPONSE,
    VALIDATION,
    ask_complements,
    deposit,
    ms,
    validee,
)

pytestmark = pytest.mark.e2e


async def test_a_decision_retried_the_next_day_keeps_the_valideur_s_date(
    renewal: Renewal, stand_ins: StandIns
) -> None:
    """Validated on 20/03 and dated 19/03 by the valideur; the PDF is generated on 21/03 and the title
    registered on 22/03 (each job retried after an incident): both still state 19/03."""
    key = await deposit(renewal, stand_ins)
    await renewal.complete(key, EXAMEN, {Variable.DECISION: "favorable"})
    await renewal.advance(ms("2030-03-20T10:00:00"))
    stand_ins.failures[JobType.PDF_GENERER] = 8  # every retry of the model
    stand_ins.failures[JobType.IDENTITY_ENREGISTRER_TITRE] = 8
    await renewal.complete(key, VALIDATION, validee("2030-03-19"))
    [enregistrement] = await stand_ins.wait(key, JobType.DOSSIER_ENREGISTRER_DECISION)
    assert enregistrement.variables[Variable.DATE_DECISION] == "2030-03-19"

    incident = await renewal.incident(key)
    assert incident["elementId"] == "Task_GenererAttestationFavorable"
    await renewal.advance(ms("2030-03-21T10:00:00"))
    await renewal.retry(incident)
    attestation = (await stand_ins.wait(key, JobType.PDF_GENERER, 2))[-1]
    assert attestation.headers == {"modele": "attestation-decision-favorable"}
    document = preparer_document(
        "attestation-decision-favorable", attestation.variables, aujourdhui=date(2030, 3, 21)
    )
    contexte = document.contexte
    assert contexte["date_decision"] == contexte["date_emission"] == date(2030, 3, 19)
    assert (contexte["debut"], contexte["fin"]) == (date(2030, 3, 20), date(2034, 3, 19))

    incident = await renewal.incident(key)
    assert incident["elementId"] == "Task_EnregistrerTitre"
    await renewal.advance(ms("2030-03-22T10:00:00"))
    await renewal.retry(incident)
    [titre] = await stand_ins.wait(key, JobType.IDENTITY_ENREGISTRER_TITRE)
    entree = EnregistrerTitre.model_validate(titre.variables)
    assert entree.date_decision == date(2030, 3, 19)
    assert periode_carte_pluriannuelle(entree.date_decision) == (date(2030, 3, 20), date(2034, 3, 19))
    await renewal.waiting_at(key, "Event_TitreDisponible")


async def test_no_answer_the_agent_goes_on_with_the_instruction(
    renewal: Renewal, stand_ins: StandIns
) -> None:
    """« Poursuivre » : the round is closed (its documents frozen), the dossier is back in instruction."""
    key = await deposit(renewal, stand_ins)
    notification = await ask_complements(renewal, key, PIECES)
    await renewal.publish(Message.NOTIFICATION_LUE, notification)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 30 * DAY)
    await renewal.complete(
        key,
        SANS_REPONSE,
        {Variable.SUITE_SANS_REPONSE: "poursuivre", Variable.COMMENTAIRE_SANS_REPONSE: "Pièces annoncées."},
    )
    await renewal.user_task(key, EXAMEN)
    assert stand_ins.steps(key)[-2:] == [
        (JobType.DOCUMENTS_SCELLER,),
        (JobType.DOSSIER_CHANGER_STATUT, "en_instruction"),
    ]
    assert stand_ins.of(key, JobType.DOSSIER_CLOTURER) == []
    assert await renewal.passed(key, "End_InstructionReprise") == 1


async def test_an_answer_before_the_agent_decides_is_received(renewal: Renewal, stand_ins: StandIns) -> None:
    key = await deposit(renewal, stand_ins)
    notification = await ask_complements(renewal, key, PIECES)
    await renewal.publish(Message.NOTIFICATION_LUE, notification)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 30 * DAY)
    await renewal.user_task(key, SANS_REPONSE)
    await renewal.advance(T0 + 32 * DAY)
    await renewal.publish(
        Message.COMPLEMENTS_DEPOSES,
        DOSSIER,
        {Variable.RONDE_COMPLEMENTS: 1},
        f"complements-deposes-{DOSSIER}-1",
    )
    await renewal.user_task(key, EXAMEN)
    assert SANS_REPONSE not in await renewal.open_user_tasks(key)
    assert stand_ins.steps(key)[-2:] == [
        (JobType.DOCUMENTS_SCELLER,),
        (JobType.DOSSIER_CHANGER_STATUT, "complements_deposes"),
    ]


def model_with_the_15_day_rule(tmp_path: Path) -> Path:
    """The model as a préfecture would save it from the Modeler with the local rule switched on."""
    xml = (REPO / "bpmn" / f"{PROCESS_ID}.bpmn").read_text(encoding="utf-8")
    rule = "notificationReputeeLue: false"
    assert xml.count(rule) == 1
    path = tmp_path / "modele-regle-15-jours.bpmn"
    path.write_text(xml.replace(rule, "notificationReputeeLue: true"), encoding="utf-8")
    return path


async def test_with_the_local_15_day_rule_an_unopened_request_counts_as_notified(
    renewal: Renewal, stand_ins: StandIns, tmp_path: Path
) -> None:
    await renewal.zeebe.deploy_resource(str(model_with_the_15_day_rule(tmp_path)))
    key = await deposit(renewal, stand_ins)
    await renewal.complete(key, EXAMEN, {Variable.DECISION: "complements", Variable.PIECES_DEMANDEES: PIECES})
    await renewal.waiting_at(key, "Gateway_NotificationOuverte")

    await renewal.advance(T0 + 15 * DAY - 1)
    assert await renewal.active(key, "Gateway_NotificationOuverte")
    await renewal.advance(T0 + 15 * DAY)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")
    assert await renewal.passed(key, "Event_QuinzeJours") == 1

    await renewal.advance(T0 + 45 * DAY - 1)
    assert await renewal.active(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 45 * DAY)
    await renewal.user_task(key, SANS_REPONSE)
    assert (await renewal.variables(key))[Variable.DATE_EXPIRATION_DELAI] == "2030-05-01"


async def test_the_four_month_alert_asks_an_agent_and_the_instruction_goes_on(
    renewal: Renewal, stand_ins: StandIns
) -> None:
    """« Signaler le risque de rejet implicite » then « Traiter l'alerte »: no decision is taken."""
    key = await deposit(renewal, stand_ins)
    await renewal.advance(ms("2030-07-17T17:46:40") - 1)
    assert stand_ins.of(key, JobType.DOSSIER_ALERTER) == []
    await renewal.advance(ms("2030-07-17T17:46:40"))
    [alerte] = await stand_ins.wait(key, JobType.DOSSIER_ALERTER)
    assert alerte.headers == {"alerte": "rejet-implicite"}
    assert alerte.variables[Variable.DOSSIER_ID] == DOSSIER
    tache = await renewal.user_task(key, ALERTE)
    assert tache["candidateGroups"] == ["prefecture-59"] and tache["priority"] == 90
    assert tache["name"] == "Traiter l'alerte de rejet implicite"

    await renewal.complete(key, ALERTE, {Variable.COMMENTAIRE_ALERTE: "Décision en cours de validation."})
    await renewal.waiting_at(key, EXAMEN)
    assert await renewal.passed(key, "End_AlerteTraitee") == 1
    assert (await renewal.variables(key))[Variable.COMMENTAIRE_ALERTE] == "Décision en cours de validation."
    assert await renewal.open_user_tasks(key) == [EXAMEN]
    assert stand_ins.of(key, JobType.DOSSIER_ENREGISTRER_DECISION) == []
    await renewal.advance(ms("2031-03-17T17:46:40"))  # non-interrupting, once: no second alert
    assert len(stand_ins.of(key, JobType.DOSSIER_ALERTER)) == 1
