"""The notifier's job worker: `notifier.notifier` creates a notification and queues its e-mail."""

# No `from __future__ import annotations` here: pyzeebe finds the `job: Job` parameter by comparing
# the annotation with the class itself, which a postponed (string) annotation would defeat.

import asyncio
import logging
from typing import Any

from pyzeebe import Job, JobController, ZeebeTaskRouter
from sqlalchemy.exc import IntegrityError

from contracts.process import Header, JobType, Variable
from services.notifier.dependances import Dependances
from services.notifier.domain.redaction import ModeleSansNotification
from services.notifier.usecases.notifications import VariablesManquantes, creer_notification

log = logging.getLogger(__name__)

ERREURS_DE_MODELISATION = (ModeleSansNotification, VariablesManquantes)


def notifier(deps: Dependances, job: Job) -> str:
    """One notification per job, however often the engine delivers it."""
    for tentative in range(2):
        try:
            with deps.unite() as unite:
                return creer_notification(
                    unite=unite,
                    job_key=str(job.key),
                    modele=str(job.custom_headers.get(Header.MODELE.value, "")),
                    variables=job.variables,
                    maintenant=deps.horloge(),
                    nouvel_id=deps.nouvel_id,
                    lien_connexion=deps.lien_connexion,
                )
        except IntegrityError:  # the same job, delivered twice at once: the other one won
            if tentative:
                raise
    raise AssertionError("unreachable")


async def echec_sans_donnees_personnelles(error: Exception, job: Job, controller: JobController) -> None:
    """Fail the job (the engine retries, then raises an incident) without logging its variables.

    pyzeebe's default handler logs the whole job, variables included: names and e-mail addresses.
    """
    message = str(error) if isinstance(error, ERREURS_DE_MODELISATION) else type(error).__name__
    log.warning("job en échec", extra={"job": job.key, "type": job.type, "erreur": message})
    await controller.set_failure_status(message=f"notifier : {message}")


def build_task_router(deps: Dependances) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter(exception_handler=echec_sans_donnees_personnelles)

    @router.task(task_type=JobType.NOTIFIER_NOTIFIER.value)  # type: ignore[arg-type]  # pyzeebe's overloads
    async def notifier_task(job: Job) -> dict[str, Any]:
        notification_id = await asyncio.to_thread(notifier, deps, job)
        deps.signaler_outbox()
        log.info("notification créée", extra={"job": job.key, "notification": notification_id})
        return {Variable.NOTIFICATION_ID.value: notification_id}

    return router
