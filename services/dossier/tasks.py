"""The dossier's job handlers: one `register_job` per dossier job type (`contracts.jobs.dossier`)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import ParamSpec, TypeVar

from pyzeebe import ZeebeTaskRouter
from pyzeebe.errors import BusinessError

from contracts.clients.base import ServiceUnavailable
from contracts.dossier import ErreurMetier
from contracts.jobs import NoVariables
from contracts.jobs import dossier as jobs
from plumbing.clock import Clock
from plumbing.engine_outbox import EngineCommands
from plumbing.job_failures import PermanentJobError, TransientJobError
from plumbing.worker import TypedJob, register_job
from services.dossier.domain.ports import PiecesJustificatives, Transactions
from services.dossier.usecases import processus
from services.dossier.usecases.processus import DonneeInvalide, DossierClos, InstanceEnDouble

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class TaskDeps:
    transactions: Transactions
    clock: Clock
    pieces: PiecesJustificatives
    engine: EngineCommands  # to cancel a second instance of a dossier
    guichet: str


def build_task_router(deps: TaskDeps) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()  # failures: the worker's shared policy (plumbing.job_failures)
    run, clock = deps.transactions.run_async, deps.clock

    @_failures
    async def enregistrer(job: TypedJob[jobs.JobDossier, NoVariables]) -> jobs.DossierEnregistre:
        instance = job.process_instance_key
        dossier = await run(
            partial(
                processus.enregistrer,
                clock=clock,
                guichet=deps.guichet,
                dossier_id=job.variables.dossier_id,
                process_instance_key=instance,
            )
        )
        if isinstance(dossier, InstanceEnDouble):
            log.warning("instance en double annulée", extra={"process_instance_key": instance})
            await deps.engine.cancel_instance(instance)
            # no variable: the instance is gone
            return jobs.DossierEnregistre.model_construct()  # type: ignore[call-arg]
        return processus.dossier_enregistre(dossier)

    @_failures
    async def changer_statut(job: TypedJob[jobs.JobDossier, jobs.EnTetesStatut]) -> NoVariables:
        dossier_id, statut = job.variables.dossier_id, job.headers.statut
        await run(
            partial(
                processus.changer_statut, clock=clock, job_key=job.key, dossier_id=dossier_id, statut=statut
            )
        )
        return NoVariables()

    @_failures
    async def ouvrir_complements(job: TypedJob[jobs.PiecesDemandees, NoVariables]) -> jobs.RondeOuverte:
        dossier_id, demandees = job.variables.dossier_id, job.variables.pieces_demandees
        ronde = await run(
            partial(
                processus.ouvrir_complements,
                clock=clock,
                job_key=job.key,
                dossier_id=dossier_id,
                pieces_demandees=demandees,
            )
        )
        pieces = [p.piece for p in ronde.pieces]
        await deps.pieces.ouvrir_complements(dossier_id, ronde=ronde.numero, pieces=pieces)
        return jobs.RondeOuverte(ronde_complements=ronde.numero)

    @_failures
    async def enregistrer_decision(job: TypedJob[jobs.DecisionPrise, NoVariables]) -> NoVariables:
        prise = job.variables
        await run(
            partial(
                processus.enregistrer_decision,
                clock=clock,
                job_key=job.key,
                dossier_id=prise.dossier_id,
                decision=prise.decision,
                motif=prise.motif_decision,
                date_decision=prise.date_decision,
            )
        )
        return NoVariables()

    @_failures
    async def cloturer(job: TypedJob[jobs.JobDossier, jobs.EnTetesCloture]) -> NoVariables:
        dossier_id, motif = job.variables.dossier_id, job.headers.motif
        await run(
            partial(processus.cloturer, clock=clock, job_key=job.key, dossier_id=dossier_id, motif=motif)
        )
        return NoVariables()

    @_failures
    async def alerter(job: TypedJob[jobs.JobDossier, jobs.EnTetesAlerte]) -> NoVariables:
        dossier_id, alerte = job.variables.dossier_id, job.headers.alerte
        await run(partial(processus.alerter, clock=clock, dossier_id=dossier_id, alerte=alerte))
        return NoVariables()

    register_job(router, jobs.ENREGISTRER, enregistrer)
    register_job(router, jobs.CHANGER_STATUT, changer_statut)
    register_job(router, jobs.OUVRIR_COMPLEMENTS, ouvrir_complements)
    register_job(router, jobs.ENREGISTRER_DECISION, enregistrer_decision)
    register_job(router, jobs.CLOTURER, cloturer)
    register_job(router, jobs.ALERTER, alerter)
    return router


def _failures(handler: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Failures as the shared policy knows them (plumbing.job_failures), with nothing personal."""

    @functools.wraps(handler)
    async def traduire(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await handler(*args, **kwargs)
        except DossierClos:  # withdrawn or closed: a BPMN error the model may catch
            raise BusinessError(ErreurMetier.DOSSIER_CLOS.value, "Dossier clos.") from None
        except DonneeInvalide as error:  # retrying cannot help: an incident for an operator
            raise PermanentJobError(str(error)) from None
        except ServiceUnavailable:
            raise TransientJobError("Service des justificatifs indisponible.") from None

    return traduire
