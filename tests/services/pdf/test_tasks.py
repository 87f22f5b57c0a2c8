"""The `pdf.generer` handler called directly, with the documents service stand-in behind the port."""

from pathlib import Path
from typing import Any

import httpx
import pytest
from pyzeebe import Job

from contracts.jobs.pdf import GENERER
from contracts.process import PROCESS_ID, JobType
from plumbing.actors import Actor
from plumbing.job_failures import PermanentJobError, RetryPolicy, TransientJobError, job_failure_handler
from services.pdf.domain.erreurs import DonneesInvalides
from services.pdf.domain.ports import DepotIndisponible
from services.pdf.tasks import build_task_router, cle_idempotence
from services.pdf.usecases.generation import GenerationDocuments
from tests.services.pdf.conftest import contenu_genere, documents_generes
from tests.services.pdf.donnees import NUMERO_DEMANDE, variables_processus
from tests.services.pdf.outils_pdf import texte
from tests.support.actor_tokens import TEST_TOKENS

pytestmark = pytest.mark.integration


def job(modele: str | None, variables: dict[str, Any], key: int = 2251799813685301) -> Job:
    return Job(
        key=key,
        type=JobType.PDF_GENERER.value,
        process_instance_key=2251799813685249,
        bpmn_process_id=PROCESS_ID,
        process_definition_version=1,
        process_definition_key=2251799813685248,
        element_id="generer-confirmation-depot",
        element_instance_key=2251799813685300,
        custom_headers={} if modele is None else {"modele": modele},
        worker="pdf",
        retries=3,
        deadline=0,
        variables=variables,
    )


async def generer(generation: GenerationDocuments, le_job: Job) -> dict[str, Any]:
    """The handler as the worker runs it: the contract's variables and headers validated first."""
    (tache,) = build_task_router(generation).tasks
    return await tache.original_function(le_job)  # type: ignore[no-any-return]


class ControleEnregistre:
    """Stands for pyzeebe's JobController: records how the job was failed."""

    def __init__(self) -> None:
        self.echecs: list[tuple[str, int]] = []

    async def set_failure_status(
        self, message: str, retry_back_off_ms: int = 0, variables: object = None
    ) -> None:
        self.echecs.append((message, retry_back_off_ms))


async def test_the_document_is_rendered_stored_and_returned(
    generation: GenerationDocuments, client_documents: httpx.AsyncClient, tmp_path: Path
) -> None:
    resultat = await generer(generation, job("confirmation-depot", variables_processus()))
    (stocke,) = await documents_generes(client_documents, "dos-0190")
    assert resultat == {
        "document": {
            "id": stocke["id"],
            "modele": "confirmation-depot",
            "nomFichier": f"confirmation-depot-{NUMERO_DEMANDE}.pdf",
        }
    }
    pdf = await contenu_genere(client_documents, "dos-0190", str(stocke["id"]))
    assert "Le 18/08/2023, vous avez déposé avec succès" in texte(pdf, tmp_path)


async def test_the_card_and_the_decision_are_inputs_of_the_job(
    generation: GenerationDocuments, client_documents: httpx.AsyncClient, tmp_path: Path
) -> None:
    """dureeCarteAnnees, montantTaxe, mention and dateDecision default to the seed's when unset."""
    variables = variables_processus(
        dateDepot="2023-08-18",
        dateDecision="2023-09-20",
        dureeCarteAnnees=2,
        montantTaxe=250,
        mention="Étudiant",
    )
    resultat = await generer(generation, job("attestation-decision-favorable", variables))
    pdf = texte(await contenu_genere(client_documents, "dos-0190", resultat["document"]["id"]), tmp_path)
    assert "Le 20/09/2023, une décision favorable a été prise" in pdf
    assert "DATE D'ÉMISSION : 20/09/2023" in pdf  # the decision's day, not the day the job ran
    assert "valable du 21/09/2023 au 20/09/2025 portant la mention Étudiant" in pdf
    assert "acquitter de 250 €" in pdf


async def test_the_applicant_reads_the_stored_document(
    generation: GenerationDocuments, client_documents: httpx.AsyncClient
) -> None:
    """The owner and préfecture given with the first document let the applicant and the agents read it."""
    resultat = await generer(generation, job("confirmation-depot", variables_processus()))
    demandeur = TEST_TOKENS.headers(Actor("demandeur", "cpt-7"))
    url = f"/dossiers/dos-0190/documents-generes/{resultat['document']['id']}"
    assert (await client_documents.get(url, headers=demandeur)).status_code == 200
    autre = TEST_TOKENS.headers(Actor("demandeur", "cpt-8"))
    assert (await client_documents.get(url, headers=autre)).status_code == 404


async def test_a_job_delivered_twice_stores_one_document(
    generation: GenerationDocuments, client_documents: httpx.AsyncClient
) -> None:
    premier = await generer(generation, job("attestation-prolongation", variables_processus()))
    second = await generer(generation, job("attestation-prolongation", variables_processus()))
    assert premier == second
    assert len(await documents_generes(client_documents, "dos-0190")) == 1
    autre_job = await generer(
        generation, job("attestation-prolongation", variables_processus(), key=2251799813685999)
    )
    assert autre_job != premier  # the next prolongation (a new job) is a new document


async def test_the_list_of_pieces_is_the_same_whatever_the_case(generation: GenerationDocuments) -> None:
    resultat = await generer(generation, job("liste-pieces", variables_processus(cas="majeur")))
    assert resultat["document"]["nomFichier"] == "liste-pieces.pdf"


def test_the_idempotency_key_is_the_jobs() -> None:
    assert cle_idempotence(job("decision-refus", {}).key) == "pdf.generer-2251799813685301"


async def test_missing_header_or_dossier_cannot_generate(generation: GenerationDocuments) -> None:
    with pytest.raises(PermanentJobError, match="en-têtes invalides : modele"):
        await generer(generation, job(None, variables_processus()))
    sans_dossier = variables_processus()
    del sans_dossier["dossierId"]
    with pytest.raises(PermanentJobError, match="variables invalides : dossierId"):
        await generer(generation, job("decision-refus", sans_dossier))


def le_job() -> Job:
    return job("decision-refus", variables_processus())


async def test_failures_are_reported_in_french_without_personal_data(
    caplog: pytest.LogCaptureFixture,
) -> None:
    signaler = job_failure_handler(RetryPolicy(min_ms=5000, max_ms=5000, jitter=0))
    controle = ControleEnregistre()
    manquantes = DonneesInvalides("decision-refus", [("motifDecision", "manquant")])
    await signaler(PermanentJobError(str(manquantes)), le_job(), controle)  # type: ignore[arg-type]
    indisponible = DepotIndisponible("Service documents injoignable (ConnectError).")
    await signaler(TransientJobError(str(indisponible)), le_job(), controle)  # type: ignore[arg-type]
    await signaler(RuntimeError("Etranger Sept"), le_job(), controle)  # type: ignore[arg-type]
    assert controle.echecs == [
        (
            "Données manquantes ou invalides pour le document « decision-refus » : motifDecision (manquant).",
            0,
        ),
        ("Service documents injoignable (ConnectError).", 5000),
        ("Erreur technique (RuntimeError).", 5000),
    ]
    journal = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert "Etranger" not in journal and "Brasilia" not in journal


def test_the_router_declares_pdf_generer_fetching_only_its_contracts_variables(
    generation: GenerationDocuments,
) -> None:
    (tache,) = build_task_router(generation).tasks
    assert tache.type == "pdf.generer"
    assert tache.config.variables_to_fetch == [*GENERER.variables_to_fetch, "correlationId"]
    assert "decision" not in tache.config.variables_to_fetch
    assert tache.config.job_parameter_name == "job"
    assert tache.config.timeout_ms == 60_000
