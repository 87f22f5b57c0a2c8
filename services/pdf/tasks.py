"""The `pdf.generer` worker: render the document named by the task header `modele`, store it."""

from __future__ import annotations

import logging

from pyzeebe import ZeebeTaskRouter

from contracts.jobs.pdf import GENERER, GenererHeaders, GenererInput, GenererOutput
from contracts.process import JobType
from contracts.variables import DocumentProduit
from plumbing.job_failures import PermanentJobError, TransientJobError
from plumbing.worker import TypedJob, register_job
from services.pdf.domain.erreurs import DocumentImpossible
from services.pdf.domain.ports import DepotIndisponible, Proprietaire
from services.pdf.usecases.generation import GenerationDocuments

log = logging.getLogger(__name__)


class TachesPdf:
    def __init__(self, generation: GenerationDocuments) -> None:
        self.generation = generation

    async def generer(self, job: TypedJob[GenererInput, GenererHeaders]) -> GenererOutput:
        """Bad data raises an incident at once (retrying cannot help); documents being
        unreachable is retried after the back-off."""
        variables, modele = job.variables, job.headers.modele
        try:
            document = await self.generation.generer(
                modele,
                variables.model_dump(by_alias=True, exclude_none=True),
                dossier_id=variables.dossier_id,
                proprietaire=Proprietaire(variables.demandeur_id or None, variables.prefecture or None),
                cle_idempotence=cle_idempotence(job.key),
            )
        except DocumentImpossible as erreur:
            raise PermanentJobError(str(erreur)) from erreur
        except DepotIndisponible as erreur:
            raise TransientJobError(str(erreur)) from erreur
        log.info("document généré", extra={"job_key": job.key, "modele": modele, "document_id": document.id})
        produit = DocumentProduit(
            id=document.id, modele=document.modele.value, nom_fichier=document.nom_fichier
        )
        return GenererOutput(document=produit)


def cle_idempotence(job_key: int) -> str:
    """One stored document per job, however often the engine delivers it."""
    return f"{JobType.PDF_GENERER}-{job_key}"


def build_task_router(generation: GenerationDocuments) -> ZeebeTaskRouter:
    """Failures go through `create_worker`'s handler: its retry policy is the platform's."""
    router = ZeebeTaskRouter()
    register_job(router, GENERER, TachesPdf(generation).generer, timeout_ms=60_000)
    return router
