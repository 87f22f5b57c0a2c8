"""How a job fails, the same way in every worker, with nothing personal in logs or incidents.

- `BusinessError` (pyzeebe) with an error code: a BPMN error the model may catch.
- `PermanentJobError`: the job can never succeed as it is (missing or invalid data); it fails
  with no retries left, so an incident is raised at once for an operator to fix and resolve.
- anything else: a technical failure; the engine offers the job again after a back-off, until
  its retries are used up.
Only the exception's class and our own French messages reach the engine, never the variables.
"""

from __future__ import annotations

import logging

from pyzeebe import Job, JobController
from pyzeebe.errors import BusinessError
from pyzeebe.task.exception_handler import ExceptionHandler

log = logging.getLogger(__name__)


class PermanentJobError(Exception):
    """The job's input cannot be processed; the message is French and carries no personal data."""


class TransientJobError(Exception):
    """A dependency is unavailable; the message is French and carries no personal data."""


def job_failure_handler(retry_backoff_ms: int = 5000) -> ExceptionHandler:
    async def handle(error: Exception, job: Job, controller: JobController) -> None:
        log.warning(
            "job en échec",
            extra={
                "job_type": job.type,
                "job_key": job.key,
                "retries": job.retries,
                "cause": type(error).__name__,
            },
        )
        if isinstance(error, BusinessError):
            await controller.set_error_status(str(error) or error.error_code, error_code=error.error_code)
        elif isinstance(error, PermanentJobError):
            # pyzeebe fails a job with `retries - 1` and offers no other way: with 1, none is left
            # and the engine raises the incident right away.
            object.__setattr__(job, "retries", 1)
            await controller.set_failure_status(str(error))
        elif isinstance(error, TransientJobError):
            await controller.set_failure_status(str(error), retry_back_off_ms=retry_backoff_ms)
        else:
            message = f"Erreur technique ({type(error).__name__})."
            await controller.set_failure_status(message, retry_back_off_ms=retry_backoff_ms)

    return handle
