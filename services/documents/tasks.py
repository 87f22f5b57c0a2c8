"""documents' job worker: `documents.sceller` freezes a dossier's documents at deposit and after complements."""

from __future__ import annotations

from pyzeebe import ZeebeTaskRouter

from contracts.jobs import NoVariables
from contracts.jobs.documents import SCELLER, ScellerEntree, ScellerSortie
from plumbing.worker import TypedJob, register_job
from services.documents.domain.ports import DocumentsTransactions
from services.documents.usecases.scellement import sceller


def build_task_router(transactions: DocumentsTransactions) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()

    async def sceller_documents(job: TypedJob[ScellerEntree, NoVariables]) -> ScellerSortie:
        entree = job.variables
        nombre = await sceller(
            transactions=transactions, dossier_id=entree.dossier_id, prefecture=entree.prefecture
        )
        return ScellerSortie(documents_scelles=nombre)

    register_job(router, SCELLER, sceller_documents, timeout_ms=60_000)
    return router
