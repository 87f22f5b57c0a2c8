"""The dossier's pyzeebe task router: one handler per job type of contracts.process."""

# No `from __future__ import annotations`: pyzeebe finds the `job: Job` parameter by its annotation.

import logging
from typing import Any

from pyzeebe import Job, JobController, ZeebeTaskRouter
from pyzeebe.errors import BusinessError

from contracts.dossier import ErreurMetier
from contracts.process import Header, JobType, Variable
from services.dossier.execution import Execution
from services.dossier.ports import MoteurProcessus, PiecesJustificatives
from services.dossier.usecases import processus
from services.dossier.usecases.processus import DossierClos, InstanceEnDouble

log = logging.getLogger(__name__)
PIECES_DEMANDEES = Variable.PIECES_DEMANDEES.value


async def gerer_echec(error: Exception, job: Job, controller: JobController) -> None:
    """Like pyzeebe's default handler, without logging the job (its variables hold personal data)."""
    log.warning("job en échec", extra={"job_key": job.key, "type": job.type, "erreur": type(error).__name__})
    if isinstance(error, BusinessError):
        await controller.set_error_status(str(error), error_code=error.error_code)
    else:
        # Our ValueErrors name the bad variable; other errors (SQL, HTTP) may quote data: type only.
        message = f"ValueError: {error}" if type(error) is ValueError else type(error).__name__
        await controller.set_failure_status(message, retry_back_off_ms=1000)


class Taches:
    def __init__(
        self, execution: Execution, pieces: PiecesJustificatives, moteur: MoteurProcessus, guichet: str
    ) -> None:
        self.execution, self.pieces, self.moteur, self.guichet = execution, pieces, moteur, guichet

    async def enregistrer(self, job: Job) -> dict[str, Any]:
        resultat = await self.execution(
            processus.enregistrer,
            guichet=self.guichet,
            dossier_id=_dossier_id(job),
            process_instance_key=job.process_instance_key,
        )
        if isinstance(resultat, InstanceEnDouble):
            log.warning(
                "instance en double annulée", extra={"process_instance_key": job.process_instance_key}
            )
            await self.moteur.annuler_instance(job.process_instance_key)
            return {}
        return resultat

    async def changer_statut(self, job: Job) -> dict[str, Any]:
        statut, motif = job.custom_headers.get(Header.STATUT), job.variables.get("motifStatut")
        await self.execution(
            processus.changer_statut, job_key=job.key, dossier_id=_dossier_id(job), statut=statut, motif=motif
        )
        return {}

    async def ouvrir_complements(self, job: Job) -> dict[str, Any]:
        demandees = job.variables.get(PIECES_DEMANDEES)
        ronde = await _metier(
            self.execution(
                processus.ouvrir_complements,
                job_key=job.key,
                dossier_id=_dossier_id(job),
                pieces_demandees=demandees,
            )
        )
        pieces = [p.piece for p in ronde.pieces]
        await self.pieces.ouvrir_complements(ronde.dossier_id, ronde=ronde.numero, pieces=pieces)
        return {"rondeComplements": ronde.numero}

    async def enregistrer_decision(self, job: Job) -> dict[str, Any]:
        decision, motif = job.variables.get(Variable.DECISION), job.variables.get(Variable.MOTIF_DECISION)
        await _metier(
            self.execution(
                processus.enregistrer_decision,
                job_key=job.key,
                dossier_id=_dossier_id(job),
                decision=decision,
                motif=motif,
            )
        )
        return {}

    async def cloturer(self, job: Job) -> dict[str, Any]:
        motif = job.custom_headers.get(Header.MOTIF)
        await self.execution(processus.cloturer, job_key=job.key, dossier_id=_dossier_id(job), motif=motif)
        return {}

    async def alerter(self, job: Job) -> dict[str, Any]:
        alerte = job.custom_headers.get(Header.ALERTE)
        await self.execution(processus.alerter, job_key=job.key, dossier_id=_dossier_id(job), alerte=alerte)
        return {}


def _dossier_id(job: Job) -> object:
    return job.variables.get(Variable.DOSSIER_ID)


async def _metier(appel: Any) -> Any:
    """A closed dossier is a BPMN error the model may catch, not a technical failure to retry."""
    try:
        return await appel
    except DossierClos:
        raise BusinessError(ErreurMetier.DOSSIER_CLOS.value, "dossier clos") from None


def build_task_router(taches: Taches) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter(exception_handler=gerer_echec)
    router.task(JobType.DOSSIER_ENREGISTRER.value)(taches.enregistrer)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_CHANGER_STATUT.value)(taches.changer_statut)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_OUVRIR_COMPLEMENTS.value)(taches.ouvrir_complements)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_ENREGISTRER_DECISION.value)(taches.enregistrer_decision)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_CLOTURER.value)(taches.cloturer)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_ALERTER.value)(taches.alerter)  # type: ignore[arg-type]  # pyzeebe overloads
    return router
