"""Every path of the renewal process through the engine, with stand-in workers and the engine's clock.

Each test runs on an engine of its own: the clock starts at the deposit (T0) and only moves forward,
through `advance`, which returns once every timer due by then has fired.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.process import JobType, Message, Variable
from tests.bpmn.harness import DAY, T0, Renewal, StandIns

pytestmark = pytest.mark.e2e

DOSSIER = "dossier-5901203003170000001"
EXAMEN, VALIDATION, ALERTE = "UserTask_ExaminerDemande", "UserTask_ValiderDecision", "UserTask_TraiterAlerte"
SANS_REPONSE = "UserTask_StatuerSansReponse"
DATE_DECISION = "2030-03-17"  # the valideur's date (the deposit's day: the clock starts there)
PIECES = [
    {
        "piece": "justificatif-nationalite",
        "observation": "Veuillez fournir une copie lisible de votre passeport.",
    },
    {"piece": "justificatif-domicile", "observation": "Le justificatif date de plus de 6 mois."},
]
DEPOT = [
    (JobType.DOSSIER_ENREGISTRER,),
    (JobType.DOCUMENTS_SCELLER,),
    (JobType.PDF_GENERER, "confirmation-depot"),
    (JobType.NOTIFIER_NOTIFIER, "confirmation-depot"),
    (JobType.DOSSIER_CHANGER_STATUT, "en_instruction"),
]


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


async def deposit(renewal: Renewal, stand_ins: StandIns) -> int:
    key = await renewal.start(DOSSIER)
    await renewal.user_task(key, EXAMEN)
    assert stand_ins.steps(key) == DEPOT
    return key


async def decide(renewal: Renewal, key: int, decision: str, motif: str | None = None) -> None:
    variables = {Variable.DECISION: decision} | ({Variable.MOTIF_DECISION: motif} if motif else {})
    await renewal.complete(key, EXAMEN, {str(k): v for k, v in variables.items()})
    await renewal.complete(key, VALIDATION, validee())


def validee(date_decision: str = DATE_DECISION) -> dict[str, str]:
    """What the validation form completes with when the valideur validates."""
    return {Variable.VALIDATION_DECISION: "validee", Variable.DATE_DECISION: date_decision}


async def ask_complements(renewal: Renewal, key: int, pieces: list[dict[str, str]]) -> str:
    """The agent asks for pieces; returns the id of the notification the applicant will open.

    Without the local 15-day rule (off in the model), only the opening starts the response deadline."""
    await renewal.complete(key, EXAMEN, {Variable.DECISION: "complements", Variable.PIECES_DEMANDEES: pieces})
    await renewal.waiting_at(key, "Event_NotificationOuverte")
    return str((await renewal.variables(key))[Variable.NOTIFICATION_COMPLEMENTS])


async def test_depot_puis_decision_favorable(renewal: Renewal, stand_ins: StandIns) -> None:
    key = await renewal.start(DOSSIER)
    examen = await renewal.user_task(key, EXAMEN)
    assert examen["candidateGroups"] == ["prefecture-59"]
    assert examen["name"] == "Examiner la demande"
    assert stand_ins.steps(key) == DEPOT
    depot = stand_ins.of(key, JobType.NOTIFIER_NOTIFIER)[0]
    assert depot.variables[Variable.DOCUMENT]["modele"] == "confirmation-depot"  # the PDF just generated
    assert depot.variables[Variable.NUMERO_DEMANDE] == "5901203003170000001"

    await renewal.complete(key, EXAMEN, {Variable.DECISION: "favorable"})
    validation = await renewal.user_task(key, VALIDATION)
    assert validation["candidateGroups"] == ["valideur"]
    await renewal.complete(key, VALIDATION, validee())
    await renewal.waiting_at(key, "Event_TitreDisponible")
    # after the decision, a withdrawal is no longer awaited: the message finds no subscription
    await renewal.publish(Message.DESISTEMENT, DOSSIER)
    await renewal.publish(Message.TITRE_DISPONIBLE, DOSSIER)

    assert await renewal.ended(key) == "COMPLETED"
    assert stand_ins.steps(key)[len(DEPOT) :] == [
        (JobType.DOSSIER_ENREGISTRER_DECISION,),
        (JobType.PDF_GENERER, "attestation-decision-favorable"),
        (JobType.NOTIFIER_NOTIFIER, "attestation-decision-favorable"),
        (JobType.IDENTITY_ENREGISTRER_TITRE,),
        (JobType.DOSSIER_CHANGER_STATUT, "titre_disponible"),
        (JobType.NOTIFIER_NOTIFIER, "titre-disponible"),
    ]
    [decision] = stand_ins.of(key, JobType.DOSSIER_ENREGISTRER_DECISION)
    assert decision.variables[Variable.DECISION] == "favorable"
    assert decision.variables[Variable.DATE_DECISION] == DATE_DECISION
    [titre] = stand_ins.of(key, JobType.IDENTITY_ENREGISTRER_TITRE)
    for name in (Variable.DOSSIER_ID, Variable.NUMERO_DEMANDE, Variable.DEMANDEUR, Variable.DECISION):
        assert name in titre.variables
    attestation = stand_ins.of(key, JobType.NOTIFIER_NOTIFIER)[1]
    assert attestation.variables[Variable.DOCUMENT]["modele"] == "attestation-decision-favorable"
    assert await renewal.passed(key, "Task_CloturerDesistement") == 0


async def test_complements_repondus_en_deux_rondes(renewal: Renewal, stand_ins: StandIns) -> None:
    key = await deposit(renewal, stand_ins)
    first = await ask_complements(renewal, key, PIECES)
    [ouverture] = stand_ins.of(key, JobType.DOSSIER_OUVRIR_COMPLEMENTS)
    assert ouverture.variables[Variable.PIECES_DEMANDEES] == PIECES
    demande = stand_ins.of(key, JobType.NOTIFIER_NOTIFIER)[-1]
    assert demande.headers == {"modele": "demande-complements"}
    assert demande.variables[Variable.PIECES_DEMANDEES] == PIECES
    assert demande.variables[Variable.RONDE_COMPLEMENTS] == 1

    # opened 5 days later: the 30 days run from then, so an answer on day 34 is in time
    await renewal.advance(T0 + 5 * DAY)
    await renewal.publish(Message.NOTIFICATION_LUE, first)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 35 * DAY - 1)
    await renewal.publish(
        Message.COMPLEMENTS_DEPOSES,
        DOSSIER,
        {Variable.RONDE_COMPLEMENTS: 1},
        f"complements-deposes-{DOSSIER}-1",
    )
    await renewal.user_task(key, EXAMEN)
    # the new versions are frozen (and the round closed in documents) before the agent examines again
    assert stand_ins.steps(key)[-2:] == [
        (JobType.DOCUMENTS_SCELLER,),
        (JobType.DOSSIER_CHANGER_STATUT, "complements_deposes"),
    ]

    # a second round, opened at once and answered the same day
    second = await ask_complements(renewal, key, PIECES[:1])
    assert second != first
    assert stand_ins.of(key, JobType.NOTIFIER_NOTIFIER)[-1].variables[Variable.RONDE_COMPLEMENTS] == 2
    # the first round's messages, still buffered, neither open nor answer the second round
    assert await renewal.active(key, "Event_NotificationOuverte")
    await renewal.publish(Message.NOTIFICATION_LUE, second)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")
    await renewal.publish(
        Message.COMPLEMENTS_DEPOSES,
        DOSSIER,
        {Variable.RONDE_COMPLEMENTS: 2},
        f"complements-deposes-{DOSSIER}-2",
    )
    await decide(renewal, key, "favorable")
    await renewal.waiting_at(key, "Event_TitreDisponible")

    rounds = [
        c.variables[Variable.PIECES_DEMANDEES] for c in stand_ins.of(key, JobType.DOSSIER_OUVRIR_COMPLEMENTS)
    ]
    assert rounds == [PIECES, PIECES[:1]]
    assert [s for s in stand_ins.steps(key) if s[0] == JobType.DOSSIER_CHANGER_STATUT] == [
        (JobType.DOSSIER_CHANGER_STATUT, "en_instruction"),
        (JobType.DOSSIER_CHANGER_STATUT, "complements_deposes"),
        (JobType.DOSSIER_CHANGER_STATUT, "complements_deposes"),
    ]
    assert stand_ins.of(key, JobType.DOSSIER_CLOTURER) == []


async def test_complements_jamais_fournis(renewal: Renewal, stand_ins: StandIns) -> None:
    """30 days after the opening without an answer: an agent decides the closure, the model does not."""
    key = await deposit(renewal, stand_ins)
    notification = await ask_complements(renewal, key, PIECES)
    await renewal.advance(T0 + DAY)
    await renewal.publish(Message.NOTIFICATION_LUE, notification)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")

    await renewal.advance(T0 + 31 * DAY - 1)  # 30 days after opening, less a millisecond
    assert await renewal.active(key, "Event_DelaiTrenteJours")

    await renewal.advance(T0 + 31 * DAY)
    tache = await renewal.user_task(key, SANS_REPONSE)
    assert tache["candidateGroups"] == ["prefecture-59"]
    assert tache["dueDate"].startswith("2030-04-22T17:46:40")  # delais.statuerSansReponse: 5 days
    assert (await renewal.variables(key))[Variable.DATE_EXPIRATION_DELAI] == "2030-04-17"
    await renewal.advance(T0 + 200 * DAY)  # the model waits for the agent, however long
    await renewal.user_task(key, ALERTE)  # the four-month alert's task opens after its service task
    assert await renewal.open_user_tasks(key) == sorted([SANS_REPONSE, ALERTE])
    assert stand_ins.of(key, JobType.DOSSIER_CLOTURER) == []

    await renewal.complete(
        key,
        SANS_REPONSE,
        {Variable.SUITE_SANS_REPONSE: "cloturer", Variable.COMMENTAIRE_SANS_REPONSE: "Aucune nouvelle."},
    )
    assert await renewal.ended(key) == "COMPLETED"
    assert stand_ins.steps(key)[-2:] == [
        (JobType.DOSSIER_CLOTURER, "incomplet"),
        (JobType.NOTIFIER_NOTIFIER, "cloture-incomplet"),
    ]
    assert stand_ins.of(key, JobType.DOSSIER_ENREGISTRER_DECISION) == []
    assert await renewal.open_user_tasks(key) == []


async def test_notification_jamais_ouverte(renewal: Renewal, stand_ins: StandIns) -> None:
    """Without the local 15-day rule (the model's default), an unopened request waits for its opening."""
    key = await deposit(renewal, stand_ins)
    notification = await ask_complements(renewal, key, PIECES)
    assert (await renewal.variables(key))[Variable.REGLES] == {"notificationReputeeLue": False}

    await renewal.advance(T0 + 60 * DAY)
    assert await renewal.active(key, "Event_NotificationOuverte")
    assert await renewal.passed(key, "Event_QuinzeJours") == 0
    assert await renewal.open_user_tasks(key) == []

    # opened on day 60: the 30 days run from then
    await renewal.publish(Message.NOTIFICATION_LUE, notification)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 90 * DAY - 1)
    assert SANS_REPONSE not in await renewal.open_user_tasks(key)
    await renewal.advance(T0 + 90 * DAY)
    await renewal.user_task(key, SANS_REPONSE)
    assert stand_ins.of(key, JobType.DOSSIER_CLOTURER) == []


async def test_deux_prolongations_puis_alerte_et_decision(renewal: Renewal, stand_ins: StandIns) -> None:
    """The title ends 10 days after the deposit: an attestation the next day, then every 3 months."""
    stand_ins.date_fin_validite_titre = "2030-03-27"
    key = await deposit(renewal, stand_ins)

    await renewal.advance(ms("2030-03-28T00:00:00") - 1)
    assert await renewal.passed(key, "Start_Prolongation") == 0
    await renewal.advance(ms("2030-03-28T00:00:00"))
    await stand_ins.wait(key, JobType.NOTIFIER_NOTIFIER, 2)
    await renewal.advance(ms("2030-06-28T00:00:00") - 1)
    assert await renewal.passed(key, "Start_Prolongation") == 1
    await renewal.advance(ms("2030-06-28T00:00:00"))
    await stand_ins.wait(key, JobType.NOTIFIER_NOTIFIER, 3)
    prolongations = [c for c in stand_ins.of(key) if c.headers.get("modele") == "attestation-prolongation"]
    assert [c.job_type for c in prolongations] == [JobType.PDF_GENERER, JobType.NOTIFIER_NOTIFIER] * 2
    assert prolongations[0].variables[Variable.DATE_FIN_VALIDITE_TITRE] == "2030-03-27"
    # each attestation is dated by the engine's clock when its timer fired: its 3-month period follows
    assert [c.variables["dateEmission"] for c in prolongations[::2]] == ["2030-03-28", "2030-06-28"]
    assert prolongations[3].variables[Variable.DOCUMENT]["modele"] == "attestation-prolongation"

    # four months without a decision: an alert to the agents, not a decision
    await renewal.advance(ms("2030-07-17T17:46:40") - 1)
    assert await renewal.passed(key, "Start_AlerteRejetImplicite") == 0
    await renewal.advance(ms("2030-07-17T17:46:40"))
    [alerte] = await stand_ins.wait(key, JobType.DOSSIER_ALERTER)
    assert alerte.headers == {"alerte": "rejet-implicite"}
    tache = await renewal.user_task(key, ALERTE)
    assert tache["candidateGroups"] == ["prefecture-59"]
    assert await renewal.open_user_tasks(key) == sorted([EXAMEN, ALERTE])

    # the decision ends the instruction: the alert task goes, and no more attestations
    await decide(renewal, key, "favorable")
    await renewal.waiting_at(key, "Event_TitreDisponible")
    assert await renewal.open_user_tasks(key) == []
    await renewal.advance(ms("2030-12-28T00:00:00"))
    assert len([c for c in stand_ins.of(key) if c.headers.get("modele") == "attestation-prolongation"]) == 4
    assert await renewal.state(key) == "ACTIVE"


async def test_refus_apres_renvoi_par_le_valideur(renewal: Renewal, stand_ins: StandIns) -> None:
    key = await deposit(renewal, stand_ins)
    await renewal.complete(
        key, EXAMEN, {Variable.DECISION: "defavorable", Variable.MOTIF_DECISION: "Brouillon"}
    )
    await renewal.complete(
        key,
        VALIDATION,
        {Variable.VALIDATION_DECISION: "renvoyee", Variable.OBSERVATION_VALIDATION: "À motiver"},
    )
    motif = "Le demandeur ne justifie pas du caractère réel et sérieux de sa formation."
    await decide(renewal, key, "defavorable", motif)

    assert await renewal.ended(key) == "COMPLETED"
    assert stand_ins.steps(key)[len(DEPOT) :] == [
        (JobType.DOSSIER_ENREGISTRER_DECISION,),
        (JobType.PDF_GENERER, "decision-refus"),
        (JobType.NOTIFIER_NOTIFIER, "decision-refus"),
    ]
    [decision] = stand_ins.of(key, JobType.DOSSIER_ENREGISTRER_DECISION)
    assert decision.variables[Variable.DECISION] == "defavorable"
    assert decision.variables[Variable.MOTIF_DECISION] == motif
    assert await renewal.passed(key, EXAMEN) == 2


async def test_desistement_pendant_l_instruction(renewal: Renewal, stand_ins: StandIns) -> None:
    key = await deposit(renewal, stand_ins)
    await ask_complements(renewal, key, PIECES)
    await renewal.publish(Message.DESISTEMENT, DOSSIER)

    assert await renewal.ended(key) == "COMPLETED"
    assert stand_ins.steps(key)[-2:] == [
        (JobType.DOSSIER_CLOTURER, "desistement"),
        (JobType.NOTIFIER_NOTIFIER, "desistement"),
    ]
    assert stand_ins.of(key, JobType.DOSSIER_ENREGISTRER_DECISION) == []
    assert await renewal.open_user_tasks(key) == []


async def test_desistement_pendant_l_enregistrement_de_la_decision(
    renewal: Renewal, stand_ins: StandIns
) -> None:
    """The dossier service refuses to record a decision on a withdrawn dossier (BPMN error dossier-clos)."""
    stand_ins.errors[JobType.DOSSIER_ENREGISTRER_DECISION] = "dossier-clos"
    key = await deposit(renewal, stand_ins)
    await decide(renewal, key, "favorable")

    assert await renewal.ended(key) == "COMPLETED"
    assert stand_ins.steps(key)[len(DEPOT) :] == [
        (JobType.DOSSIER_CLOTURER, "desistement"),
        (JobType.NOTIFIER_NOTIFIER, "desistement"),
    ]
    assert await renewal.incidents(key) == []


async def test_un_service_en_panne_puis_retabli(renewal: Renewal, stand_ins: StandIns) -> None:
    """Two failures (FailJob, retries 8 then 7) and the third attempt succeeds: no incident."""
    stand_ins.failures[JobType.DOCUMENTS_SCELLER] = 2
    key = await deposit(renewal, stand_ins)

    attempts = await stand_ins.wait(key, JobType.DOCUMENTS_SCELLER, 3, attempts=True)
    assert [a.retries for a in attempts] == [8, 7, 6]
    assert len({a.job_key for a in attempts}) == 1
    assert await renewal.incidents(key) == []
    await decide(renewal, key, "defavorable", "Motif")
    assert await renewal.ended(key) == "COMPLETED"


async def test_un_service_en_panne_plus_longtemps_que_ses_reessais(
    renewal: Renewal, stand_ins: StandIns
) -> None:
    """Retries exhausted: an incident; once the service is back, the operator retries and the process goes on."""
    stand_ins.failures[JobType.DOSSIER_ENREGISTRER] = 8  # the model's retries (its back-offs: the worker's)
    key = await renewal.start(DOSSIER)
    incident = await renewal.incident(key)
    assert incident["errorType"] == "JOB_NO_RETRIES"
    assert incident["elementId"] == "Task_EnregistrerDemande"
    assert stand_ins.of(key) == []

    await renewal.retry(incident)
    await renewal.user_task(key, EXAMEN)
    assert stand_ins.steps(key) == DEPOT
    assert await renewal.incidents(key) == []
