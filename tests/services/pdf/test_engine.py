"""`pdf.generer` run through the embedded engine by a pyzeebe worker, as in production."""

import asyncio
from pathlib import Path

import httpx
import pytest
from pyzeebe import ZeebeClient

from plumbing.worker import create_worker
from services.pdf.tasks import build_task_router
from services.pdf.usecases.generation import GenerationDocuments
from tests.services.pdf.conftest import contenu_genere, documents_generes
from tests.services.pdf.donnees import NUMERO_DEMANDE, variables_processus
from tests.services.pdf.outils_pdf import texte
from tests.support.engine_server import start_engine

pytestmark = pytest.mark.integration
MODELE_BPMN = Path(__file__).parent / "fixtures" / "generer.bpmn"


async def test_the_engine_has_the_worker_generate_and_store_the_confirmation(
    generation: GenerationDocuments, client_documents: httpx.AsyncClient, tmp_path: Path
) -> None:
    (tmp_path / "moteur").mkdir()
    with start_engine(tmp_path / "moteur") as moteur:
        canal = moteur.channel("pdf")  # the service's own client: only its job types
        pilote = moteur.channel()  # the test's: deploys and starts the process
        worker = create_worker(canal, "pdf", [build_task_router(generation)])
        travail = asyncio.create_task(worker.work())
        try:
            zeebe = ZeebeClient(pilote)
            await zeebe.deploy_resource(str(MODELE_BPMN))
            resultat = await zeebe.run_process_with_result(
                "test-pdf-generer", variables_processus(), timeout=30_000
            )
        finally:
            await worker.stop()
            await travail
            await canal.close()
            await pilote.close()
    document = resultat.variables["document"]
    assert document["modele"] == "confirmation-depot"
    assert document["nomFichier"] == f"confirmation-depot-{NUMERO_DEMANDE}.pdf"
    (stocke,) = await documents_generes(client_documents, "dos-0190")
    assert stocke["id"] == document["id"]
    pdf = await contenu_genere(client_documents, "dos-0190", document["id"])
    assert "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR" in texte(pdf, tmp_path)
