"""The `pdf.generer` worker: render the document named by the task header `modele`, store it.

No `from __future__ import annotations` here: pyzeebe finds the `Job` parameter by its annotation.
"""

import logging
from typing import Any

from pyzeebe import ExceptionHandler, Job, JobController, ZeebeTaskRouter

from contracts.process import Header, JobType
from services.pdf.domain.erreurs import DocumentImpossible
from services.pdf.ports import DepotIndisponible
from services.pdf.usecases import GenerationDocuments

log = logging.getLogger(__name__)


class TachesPdf:
    def __init__(self, generation: GenerationDocuments) -> None:
        self.generation = generation

    async def generer(self, job: Job) -> dict[str, Any]:
        """`pdf.generer`: in every variable, out `document` {id, modele, nomFichier}."""
        modele = str(job.custom_headers.get(Header.MODELE, ""))
        if not modele:
            raise DocumentImpossible("L'en-tête « modele » de la tâche est absent.")
        document = await self.generation.generer(modele, job.variables, cle_idempotence=cle_idempotence(job))
        log.info("document généré", extra={"job_key": job.key, "modele": modele, "document_id": document.id})
        return {
            "document": {
                "id": document.id,
                "modele": document.modele.value,
                "nomFichier": document.nom_fichier,
            }
        }


def cle_idempotence(job: Job) -> str:
    """One stored document per job, however often the engine delivers it."""
    return f"{JobType.PDF_GENERER}-{job.key}"


def echec_handler(retry_backoff_ms: int) -> ExceptionHandler:
    """Fail the job with a French message and no personal data (pyzeebe's default logs the variables)."""

    async def signaler_echec(erreur: Exception, job: Job, controle: JobController) -> None:
        if isinstance(erreur, DocumentImpossible):
            message, attente = str(erreur), 0
        elif isinstance(erreur, DepotIndisponible):
            message, attente = str(erreur), retry_backoff_ms
        else:
            message, attente = (
                f"Erreur technique pendant la génération ({type(erreur).__name__}).",
                retry_backoff_ms,
            )
        log.warning(
            "génération en échec", extra={"job_key": job.key, "retries": job.retries, "cause": message}
        )
        await controle.set_failure_status(message, retry_back_off_ms=attente)

    return signaler_echec


def build_task_router(generation: GenerationDocuments, retry_backoff_ms: int = 5000) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()
    enregistrer = router.task(
        task_type=JobType.PDF_GENERER.value,
        exception_handler=echec_handler(retry_backoff_ms),
        timeout_ms=60_000,
    )
    enregistrer(TachesPdf(generation).generer)  # type: ignore[arg-type]  # pyzeebe's overloads
    return router
