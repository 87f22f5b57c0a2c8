"""The `documents.sceller` job: called directly, then run through the embedded engine by pyzeebe."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from pyzeebe import Job, ZeebeClient

from contracts.process import JobType
from plumbing.worker import create_worker
from services.documents.tasks import build_task_router
from services.documents.wiring import DocumentsParts
from tests.services.documents import echantillons
from tests.services.documents.conftest import AGENT_59, DEMANDEUR, entetes
from tests.services.documents.outils import joindre, pieces
from tests.support.engine_server import start_engine
from tests.support.jobs import job as job_for

FIXTURES = Path(__file__).parent / "fixtures"


def job(**variables: object) -> Job:
    return job_for(JobType.DOCUMENTS_SCELLER, variables)


async def preparer(client: httpx.AsyncClient) -> None:
    fichiers = [("a.png", echantillons.png(), "image/png"), ("b.pdf", echantillons.pdf(), "application/pdf")]
    assert (await joindre(client, DEMANDEUR, "insertion", *fichiers, prefecture=None)).status_code == 201


@pytest.mark.integration
async def test_sceller_deux_fois_a_le_meme_effet_qu_une(
    client: httpx.AsyncClient, deps: DocumentsParts
) -> None:
    await preparer(client)
    tache = build_task_router(deps.transactions).get_task(JobType.DOCUMENTS_SCELLER).original_function
    assert await tache(job(dossierId="dos-1", prefecture="prefecture-59")) == {"documentsScelles": 2}
    assert await tache(job(dossierId="dos-1", prefecture="prefecture-59")) == {"documentsScelles": 2}
    assert (await pieces(client, AGENT_59)).json()["scelle"] is True  # the process gave the préfecture
    assert (
        await joindre(client, DEMANDEUR, "insertion", ("c.bmp", echantillons.bmp(), "image/bmp"))
    ).status_code == 409


@pytest.mark.integration
async def test_sceller_un_dossier_sans_document(deps: DocumentsParts) -> None:
    tache = build_task_router(deps.transactions).get_task(JobType.DOCUMENTS_SCELLER).original_function
    assert await tache(job(dossierId="vide")) == {"documentsScelles": 0}


@pytest.mark.integration
async def test_le_moteur_fait_sceller_par_le_worker(
    client: httpx.AsyncClient, deps: DocumentsParts, tmp_path: Path
) -> None:
    await preparer(client)
    (tmp_path / "moteur").mkdir()
    with start_engine(tmp_path / "moteur") as moteur:
        canal = moteur.channel("documents")  # the service's own client: only its job types
        pilote = moteur.channel()  # the test's: deploys and starts the process
        worker = create_worker(canal, "documents", [build_task_router(deps.transactions)])
        travail = asyncio.create_task(worker.work())
        try:
            zeebe = ZeebeClient(pilote)
            await zeebe.deploy_resource(str(FIXTURES / "sceller.bpmn"))
            resultat = await zeebe.run_process_with_result(
                "test-documents-sceller",
                {"dossierId": "dos-1", "prefecture": "prefecture-59"},
                timeout=30_000,
            )
        finally:
            await worker.stop()
            await travail
            await canal.close()
            await pilote.close()
    assert resultat.variables["documentsScelles"] == 2
    liste = await client.get("/dossiers/dos-1/pieces", headers=entetes(AGENT_59))
    assert {f["statut"] for p in liste.json()["pieces"] for f in p["fichiers"]} == {"scelle"}
