"""The `notifier.notifier` job: one notification per job, its e-mail queued, its events recorded."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from contracts.courriel import sujet_demande_courriel
from contracts.notifier import FichierExamine
from contracts.process import JobType, Modele
from plumbing.job_failures import PermanentJobError
from services.notifier.domain.redaction import JustificatifsExamines
from services.notifier.storage.tables import notifications, outbox
from services.notifier.tasks import build_task_router
from services.notifier.wiring import NotifierDeps
from tests.services.notifier.conftest import DEMANDEUR, executer_job, make_job, notifier

pytestmark = pytest.mark.integration

DOCUMENT = {"id": "doc-42", "modele": "attestation-decision-favorable", "nomFichier": "decision.pdf"}


def outbox_rows(deps: NotifierDeps) -> list[Any]:
    with deps.sessions() as session:
        return list(session.execute(select(outbox).order_by(outbox.c.id)))


def count_notifications(deps: NotifierDeps) -> int:
    with deps.sessions() as session:
        return len(session.execute(select(notifications.c.id)).all())


async def test_the_task_returns_the_notification_id(deps: NotifierDeps) -> None:
    [task] = build_task_router(deps).tasks
    job = make_job(Modele.ATTESTATION_DECISION_FAVORABLE, document=DOCUMENT)

    result = await task.original_function(job)

    assert task.type == JobType.NOTIFIER_NOTIFIER == "notifier.notifier"
    assert result == {"notificationId": "notif-0001"}


def test_a_job_delivered_twice_creates_one_notification_and_one_e_mail(deps: NotifierDeps) -> None:
    job = make_job(Modele.ATTESTATION_DECISION_FAVORABLE, document=DOCUMENT)

    first, second = notifier(deps, job), notifier(deps, job)

    assert first == second
    assert count_notifications(deps) == 1
    assert [row.subject for row in outbox_rows(deps)] == [
        "notifier.notification.creee",
        sujet_demande_courriel("notifier"),
    ]


def test_another_job_is_another_notification(deps: NotifierDeps) -> None:
    notifier(deps, make_job(Modele.ATTESTATION_PROLONGATION))
    notifier(deps, make_job(Modele.ATTESTATION_PROLONGATION))

    assert count_notifications(deps) == 2


def test_the_notification_keeps_the_seeds_fields_and_its_attachment(deps: NotifierDeps) -> None:
    notification_id = notifier(deps, make_job(Modele.ATTESTATION_DECISION_FAVORABLE, document=DOCUMENT))

    with deps.uow.transaction() as repositories:
        notification = repositories.notifications.par_id(notification_id)
    assert notification is not None
    assert (notification.titre, notification.demandeur_id, notification.prefecture) == (
        "Notification de décision",
        "compte-sept",
        "prefecture-59",
    )
    assert [p.document_id for p in notification.pieces_jointes] == ["doc-42"]
    assert notification.lue_le is None and notification.repondue_le is None


def test_the_e_mail_says_a_notification_arrived_without_revealing_it(deps: NotifierDeps) -> None:
    notifier(deps, make_job(Modele.DEMANDE_COMPLEMENTS))

    event, courriel = outbox_rows(deps)
    assert courriel.payload == {
        "modele": "notification",
        "destinataire": "septetranger@yopmail.com",
        "donnees": {"lien": "http://127.0.0.1:8000/connexion"},
        "idempotence": "notification-notif-0001",
        "piecesJointes": [],
        "dossierId": None,
    }
    assert event.payload["notificationId"] == "notif-0001" and "demandeur" not in event.payload


def test_the_deposit_sends_its_own_e_mail(deps: NotifierDeps) -> None:
    notifier(deps, make_job(Modele.CONFIRMATION_DEPOT))

    courriel = outbox_rows(deps)[1].payload
    assert courriel["modele"] == "confirmation-depot"
    assert courriel["donnees"] == {
        "prenoms": "SEPT",
        "nom": "ETRANGER",
        "lien": "http://127.0.0.1:8000/connexion",
    }


@pytest.mark.parametrize("courriel", [None, "pas une adresse", "a b@c.fr"])
def test_without_a_valid_address_only_the_in_app_notification_is_made(
    deps: NotifierDeps, courriel: Any
) -> None:
    notifier(deps, make_job(demandeur={**DEMANDEUR, "courriel": courriel}))

    assert [row.subject for row in outbox_rows(deps)] == ["notifier.notification.creee"]


def test_variables_that_break_their_contract_are_an_incident_naming_them_only(deps: NotifierDeps) -> None:
    """The typed contract (contracts.jobs.notifier): an empty address is not an address."""
    with pytest.raises(PermanentJobError, match=r"variables invalides : demandeur\.courriel$"):
        notifier(deps, make_job(demandeur={**DEMANDEUR, "courriel": ""}))
    with pytest.raises(PermanentJobError, match=r"piecesDemandees\.0\.piece"):
        notifier(deps, make_job(piecesDemandees=[{"observation": "sans pièce"}]))
    assert count_notifications(deps) == 0


def test_a_modelling_error_is_permanent_an_incident_at_once(deps: NotifierDeps) -> None:
    """The shared policy (plumbing.job_failures): no retry can help, the operator must fix the model."""
    with pytest.raises(PermanentJobError, match="n'a pas de notification"):
        notifier(deps, make_job(Modele.LISTE_PIECES))
    with pytest.raises(PermanentJobError, match="modèle de notification inconnu"):
        notifier(deps, make_job(""))
    with pytest.raises(PermanentJobError, match="la variable demandeurId manque"):
        notifier(deps, make_job(demandeurId=None))
    assert count_notifications(deps) == 0


def test_the_router_leaves_failures_to_the_workers_shared_policy(deps: NotifierDeps) -> None:
    [task] = build_task_router(deps).tasks
    assert task.config.exception_handler is None  # create_worker's job_failure_handler applies


async def test_a_demande_de_complements_names_the_files_the_agent_examined(deps: NotifierDeps) -> None:
    demandes: list[str] = []

    async def examines(dossier_id: str) -> JustificatifsExamines:
        demandes.append(dossier_id)
        return JustificatifsExamines(
            fichiers={"justificatif-nationalite": (FichierExamine(id="f-1", nom_fichier="234.PNG"),)}
        )

    deps.justificatifs = examines
    pieces = [{"piece": "justificatif-nationalite", "observation": "Illisible."}]
    await executer_job(deps, make_job(Modele.DEMANDE_COMPLEMENTS, piecesDemandees=pieces, rondeComplements=1))
    await executer_job(deps, make_job(Modele.ATTESTATION_DECISION_FAVORABLE, document=DOCUMENT))

    notification = await deps.uow.run_async(lambda r: r.notifications.par_id("notif-0001"))
    assert notification is not None
    [piece] = notification.contenu.pieces_demandees
    assert [(f.id, f.nom_fichier) for f in piece.fichiers] == [("f-1", "234.PNG")]
    assert demandes == ["dossier-1"]  # asked for a demande de compléments only
