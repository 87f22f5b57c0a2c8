"""The `pdf.generer` worker: render the document named by the task header `modele`, store it.

No `from __future__ import annotations` here: pyzeebe finds the `Job` parameter by its annotation.
"""

import logging
from typing import Any

from pyzeebe import Job, ZeebeTaskRouter

from contracts.process import Header, JobType
from plumbing.job_failures import PermanentJobError, TransientJobError, job_failure_handler
from services.pdf.domain.erreurs import DocumentImpossible
from services.pdf.ports import DepotIndisponible
from services.pdf.usecases import GenerationDocuments

log = logging.getLogger(__name__)


class TachesPdf:
    def __init__(self, generation: GenerationDocuments) -> None:
        self.generation = generation

    async def generer(self, job: Job) -> dict[str, Any]:
        """`pdf.generer`: in every variable, out `document` {id, modele, nomFichier}.

        Bad data raises an incident at once (retrying cannot help); documents being
        unreachable is retried after the back-off.
        """
        try:
            return await self._generer(job)
        except DocumentImpossible as erreur:
            raise PermanentJobError(str(erreur)) from erreur
        except DepotIndisponible as erreur:
            raise TransientJobError(str(erreur)) from erreur

    async def _generer(self, job: Job) -> dict[str, Any]:
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


def build_task_router(generation: GenerationDocuments, retry_backoff_ms: int = 5000) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()
    enregistrer = router.task(
        task_type=JobType.PDF_GENERER.value,
        exception_handler=job_failure_handler(retry_backoff_ms),
        timeout_ms=60_000,
    )
    enregistrer(TachesPdf(generation).generer)  # type: ignore[arg-type]  # pyzeebe's overloads
    return router
