"""The dossier's pyzeebe task router: one handler per job type of contracts.process."""

# No `from __future__ import annotations`: pyzeebe finds the `job: Job` parameter by its annotation.

import logging
from collections.abc import Callable
from typing import Any

from pyzeebe import Job, ZeebeTaskRouter
from pyzeebe.errors import BusinessError

from contracts.dossier import ErreurMetier
from contracts.process import Header, JobType, Variable
from plumbing.job_failures import PermanentJobError, TransientJobError
from services.dossier.adapters.documents import DocumentsIndisponibles
from services.dossier.execution import Execution
from services.dossier.ports import MoteurProcessus, PiecesJustificatives
from services.dossier.usecases import processus
from services.dossier.usecases.processus import DonneeInvalide, DossierClos, InstanceEnDouble

log = logging.getLogger(__name__)
PIECES_DEMANDEES = Variable.PIECES_DEMANDEES.value


class Taches:
    def __init__(
        self, execution: Execution, pieces: PiecesJustificatives, moteur: MoteurProcessus, guichet: str
    ) -> None:
        self.execution, self.pieces, self.moteur, self.guichet = execution, pieces, moteur, guichet

    async def enregistrer(self, job: Job) -> dict[str, Any]:
        resultat = await _traduire(
            self.execution(
                processus.enregistrer,
                guichet=self.guichet,
                dossier_id=_dossier_id(job),
                process_instance_key=job.process_instance_key,
            )
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
        await self._executer(processus.changer_statut, job, statut=statut, motif=motif)
        return {}

    async def ouvrir_complements(self, job: Job) -> dict[str, Any]:
        demandees = job.variables.get(PIECES_DEMANDEES)
        ronde = await self._executer(processus.ouvrir_complements, job, pieces_demandees=demandees)
        pieces = [p.piece for p in ronde.pieces]
        await _traduire(self.pieces.ouvrir_complements(ronde.dossier_id, ronde=ronde.numero, pieces=pieces))
        return {"rondeComplements": ronde.numero}

    async def enregistrer_decision(self, job: Job) -> dict[str, Any]:
        decision, motif = job.variables.get(Variable.DECISION), job.variables.get(Variable.MOTIF_DECISION)
        await self._executer(processus.enregistrer_decision, job, decision=decision, motif=motif)
        return {}

    async def cloturer(self, job: Job) -> dict[str, Any]:
        await self._executer(processus.cloturer, job, motif=job.custom_headers.get(Header.MOTIF))
        return {}

    async def alerter(self, job: Job) -> dict[str, Any]:
        await self._executer(processus.alerter, job, alerte=job.custom_headers.get(Header.ALERTE))
        return {}

    async def _executer(self, cas_usage: Callable[..., Any], job: Job, **arguments: Any) -> Any:
        appel = self.execution(cas_usage, job_key=job.key, dossier_id=_dossier_id(job), **arguments)
        return await _traduire(appel)


def _dossier_id(job: Job) -> object:
    return job.variables.get(Variable.DOSSIER_ID)


async def _traduire(appel: Any) -> Any:
    """Failures as the shared policy knows them (plumbing.job_failures), with nothing personal."""
    try:
        return await appel
    except DossierClos:  # withdrawn or closed: a BPMN error the model may catch
        raise BusinessError(ErreurMetier.DOSSIER_CLOS.value, "Dossier clos.") from None
    except DonneeInvalide as error:  # retrying cannot help: an incident for an operator
        raise PermanentJobError(str(error)) from None
    except DocumentsIndisponibles:
        raise TransientJobError("Service des justificatifs indisponible.") from None


def build_task_router(taches: Taches) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()  # failures: the worker's shared policy (plumbing.job_failures)
    router.task(JobType.DOSSIER_ENREGISTRER.value)(taches.enregistrer)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_CHANGER_STATUT.value)(taches.changer_statut)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_OUVRIR_COMPLEMENTS.value)(taches.ouvrir_complements)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_ENREGISTRER_DECISION.value)(taches.enregistrer_decision)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_CLOTURER.value)(taches.cloturer)  # type: ignore[arg-type]  # pyzeebe overloads
    router.task(JobType.DOSSIER_ALERTER.value)(taches.alerter)  # type: ignore[arg-type]  # pyzeebe overloads
    return router
