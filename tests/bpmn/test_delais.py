"""A process owner changes a deadline in the model, and everything that states it follows.

A copy of the model with a 45-day response deadline and 6-month attestations is deployed as a new
version: its timer asks an agent to decide on the 45th day after the opening, the notifications the
notifier writes from the job's variables say « 45 jours », and the attestation the pdf service
prepares from them lasts 6 months. No service holds a deadline of its own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from contracts.jobs.notifier import NotifierInput
from contracts.process import PROCESS_ID, JobType, Message, Modele, Variable
from services.notifier.domain.redaction import rediger
from services.pdf.domain.documents import preparer_document
from tests.bpmn.harness import DAY, REPO, T0, Renewal, StandIns
from tests.bpmn.test_paths import PIECES, SANS_REPONSE, ask_complements, deposit, ms

pytestmark = pytest.mark.integration


def model_with(tmp_path: Path, **delais: str) -> Path:
    """The model as a process owner would save it from the Modeler, with other deadlines."""
    xml = (REPO / "bpmn" / f"{PROCESS_ID}.bpmn").read_text(encoding="utf-8")
    for name, value in delais.items():
        before = next(line for line in xml.split("&#10;") if line.strip().startswith(f"{name}:"))
        xml = xml.replace(before, f"  {name}: &#34;{value}&#34;" + ("," if before.endswith(",") else ""))
    path = tmp_path / "modele-modifie.bpmn"
    path.write_text(xml, encoding="utf-8")
    return path


async def test_a_changed_deadline_moves_the_timer_the_notification_and_the_attestation(
    renewal: Renewal, stand_ins: StandIns, tmp_path: Path
) -> None:
    changed = model_with(tmp_path, reponseComplements="P45D", validiteProlongation="P6M")
    await renewal.zeebe.deploy_resource(str(changed))  # a new version: new instances follow it
    stand_ins.date_fin_validite_titre = "2030-03-27"  # an attestation de prolongation on 28/03
    key = await deposit(renewal, stand_ins)

    notification = await ask_complements(renewal, key, PIECES)
    await renewal.advance(T0 + DAY)
    await renewal.publish(Message.NOTIFICATION_LUE, notification)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")

    await renewal.advance(ms("2030-03-28T00:00:00"))  # the title has ended: the first attestation
    await stand_ins.wait(key, JobType.PDF_GENERER, 2)  # confirmation, then attestation-prolongation

    # the timer: 45 days after the opening, not 30
    await renewal.advance(T0 + 31 * DAY)
    assert await renewal.active(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 46 * DAY - 1)
    assert await renewal.active(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 46 * DAY)
    await renewal.user_task(key, SANS_REPONSE)  # an agent decides the closure
    await renewal.complete(key, SANS_REPONSE, {Variable.SUITE_SANS_REPONSE: "cloturer"})
    assert await renewal.ended(key) == "COMPLETED"

    # the texts the notifier writes from what its jobs received
    [demande] = [
        c
        for c in stand_ins.of(key, JobType.NOTIFIER_NOTIFIER)
        if c.headers["modele"] == "demande-complements"
    ]
    avertissement = rediger(Modele.DEMANDE_COMPLEMENTS, NotifierInput.model_validate(demande.variables))
    assert "dans un délai de 45 jours après avoir pris connaissance" in (
        avertissement.contenu().avertissement or ""
    )
    [cloture] = [
        c for c in stand_ins.of(key, JobType.NOTIFIER_NOTIFIER) if c.headers["modele"] == "cloture-incomplet"
    ]
    texte = " ".join(
        rediger(Modele.CLOTURE_INCOMPLET, NotifierInput.model_validate(cloture.variables))
        .contenu()
        .paragraphes
    )
    assert "dans le délai de 45 jours qui suivait" in texte

    # the attestation the pdf service prepares from what its job received: 6 months
    [attestation] = [
        c for c in stand_ins.of(key, JobType.PDF_GENERER) if c.headers["modele"] == "attestation-prolongation"
    ]
    assert attestation.variables["dateEmission"] == "2030-03-28"
    document = preparer_document(
        "attestation-prolongation", attestation.variables, aujourdhui=date(2030, 3, 28)
    )
    assert (document.contexte["debut"], document.contexte["fin"]) == (date(2030, 3, 28), date(2030, 9, 27))


async def test_running_instances_keep_the_deadlines_they_started_with(
    renewal: Renewal, stand_ins: StandIns, tmp_path: Path
) -> None:
    key = await deposit(renewal, stand_ins)  # started on the deployed model: 30 days
    await renewal.zeebe.deploy_resource(str(model_with(tmp_path, reponseComplements="P45D")))
    notification = await ask_complements(renewal, key, PIECES)
    await renewal.advance(ms("2030-03-18T17:46:40"))
    await renewal.publish(Message.NOTIFICATION_LUE, notification)
    await renewal.waiting_at(key, "Event_DelaiTrenteJours")
    await renewal.advance(T0 + 31 * DAY)
    await renewal.user_task(key, SANS_REPONSE)
