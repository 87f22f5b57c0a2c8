"""The notifier's job worker: `notifier.notifier` creates a notification and queues its e-mail.

Failures follow the shared policy of every worker (`plumbing.job_failures`, set by
`plumbing.worker.create_worker`): a modelling error (a template without notification, missing
variables) can never succeed and raises an incident at once; anything else is retried.
"""

# No `from __future__ import annotations` here: pyzeebe finds the `job: Job` parameter by comparing
# the annotation with the class itself, which a postponed (string) annotation would defeat.

import asyncio
import logging
from typing import Any

from pyzeebe import Job, ZeebeTaskRouter
from sqlalchemy.exc import IntegrityError

from contracts.process import Header, JobType, Variable
from plumbing.job_failures import PermanentJobError
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
        except ERREURS_DE_MODELISATION as error:  # their messages name variables, never their values
            raise PermanentJobError(f"notifier : {error}") from None
    raise AssertionError("unreachable")


def build_task_router(deps: Dependances) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()  # failures: the worker's shared policy (plumbing.job_failures)

    @router.task(task_type=JobType.NOTIFIER_NOTIFIER.value)  # type: ignore[arg-type]  # pyzeebe's overloads
    async def notifier_task(job: Job) -> dict[str, Any]:
        notification_id = await asyncio.to_thread(notifier, deps, job)
        deps.signaler_outbox()
        log.info("notification créée", extra={"job": job.key, "notification": notification_id})
        return {Variable.NOTIFICATION_ID.value: notification_id}

    return router
