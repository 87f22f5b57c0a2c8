"""`identity.enregistrer-titre` run by the embedded engine through identity's pyzeebe router."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pyzeebe import ZeebeClient

from contracts.process import JobType
from plumbing.worker import create_worker
from services.identity.tasks import build_task_router
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import DEMANDEUR_SEPT
from tests.support.engine_server import start_engine

pytestmark = pytest.mark.integration

PROCESSUS = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="identity-enregistrer-titre" isExecutable="true">
    <bpmn:startEvent id="debut" />
    <bpmn:serviceTask id="Task_EnregistrerTitre" name="Enregistrer le titre délivré">
      <bpmn:extensionElements><zeebe:taskDefinition type="{JobType.IDENTITY_ENREGISTRER_TITRE}" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="fin" />
    <bpmn:sequenceFlow id="f1" sourceRef="debut" targetRef="Task_EnregistrerTitre" />
    <bpmn:sequenceFlow id="f2" sourceRef="Task_EnregistrerTitre" targetRef="fin" />
  </bpmn:process>
</bpmn:definitions>
"""


async def test_le_moteur_fait_inscrire_le_titre_au_registre(deps: IdentityParts, tmp_path: Path) -> None:
    modele = tmp_path / "identity-enregistrer-titre.bpmn"
    modele.write_text(PROCESSUS, encoding="utf-8")
    variables: dict[str, Any] = {
        "dossierId": "dossier-moteur",
        "numeroDemande": "5901202308180000190",
        "decision": "favorable",
        "dateDecision": "2026-03-02",
        "demandeur": DEMANDEUR_SEPT,
    }
    with start_engine(tmp_path) as moteur:
        channel = moteur.channel()
        client = ZeebeClient(channel)
        await client.deploy_resource(str(modele))
        worker_channel = moteur.channel("identity")  # the service's own client: only its job types
        worker = create_worker(worker_channel, "identity-test", [build_task_router(deps)])
        travail = asyncio.create_task(worker.work())
        try:
            resultat = await client.run_process_with_result(
                "identity-enregistrer-titre", variables, timeout=30_000
            )
        finally:
            await worker.stop()
            await travail
            await channel.close()
            await worker_channel.close()
    assert resultat.variables["dossierId"] == "dossier-moteur"
    with deps.unit_of_work.transaction() as d:
        titre = d.registre.titre_du_dossier("dossier-moteur")
    assert titre is not None and titre.type == "Carte de séjour pluriannuelle"
