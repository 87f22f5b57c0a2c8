"""The notifier's job worker: `notifier.notifier` creates a notification and queues its e-mail.

Failures follow the shared policy of every worker (`plumbing.job_failures`, set by
`plumbing.worker.create_worker`): a modelling error (a template without notification, missing
variables) can never succeed and raises an incident at once; anything else is retried.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pyzeebe import ZeebeTaskRouter

from contracts.jobs.notifier import NOTIFIER, NotifierHeaders, NotifierInput, NotifierOutput
from contracts.process import Modele
from plumbing.job_failures import PermanentJobError
from plumbing.worker import TypedJob, register_job
from services.notifier.domain.redaction import (
    JustificatifsExamines,
    ModeleSansNotification,
    VariablesManquantes,
)
from services.notifier.usecases.notifications import creer_notification

if TYPE_CHECKING:
    from services.notifier.wiring import NotifierDeps

log = logging.getLogger(__name__)

ERREURS_DE_MODELISATION = (ModeleSansNotification, VariablesManquantes)


async def notifier(deps: NotifierDeps, job: TypedJob[NotifierInput, NotifierHeaders]) -> str:
    """One notification per job, however often the engine delivers it (a concurrent second
    delivery loses on the job key, and the unit of work starts it over: it finds the first one's)."""
    maintenant = deps.clock.now()
    examines = await _justificatifs_examines(deps, job)
    try:
        return await deps.uow.run_async(
            lambda r: creer_notification(
                repositories=r,
                job_key=str(job.key),
                modele=job.headers.modele,
                entree=job.variables,
                maintenant=maintenant,
                nouvel_id=deps.new_id,
                lien_connexion=deps.lien_connexion,
                examines=examines,
            )
        )
    except ERREURS_DE_MODELISATION as error:  # their messages name variables, never their values
        raise PermanentJobError(f"notifier : {error}") from None


async def _justificatifs_examines(
    deps: NotifierDeps, job: TypedJob[NotifierInput, NotifierHeaders]
) -> JustificatifsExamines | None:
    """A demande de compléments names the files the agent examined: asked before the transaction."""
    dossier_id = job.variables.dossier_id
    if job.headers.modele != Modele.DEMANDE_COMPLEMENTS.value or not dossier_id or deps.justificatifs is None:
        return None
    return await deps.justificatifs(dossier_id)


def build_task_router(deps: NotifierDeps) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()  # failures: the worker's shared policy (plumbing.job_failures)

    async def notifier_task(job: TypedJob[NotifierInput, NotifierHeaders]) -> NotifierOutput:
        notification_id = await notifier(deps, job)
        deps.committed()
        log.info("notification créée", extra={"job": job.key, "notification": notification_id})
        return NotifierOutput(notification_id=notification_id)

    register_job(router, NOTIFIER, notifier_task)
    return router
