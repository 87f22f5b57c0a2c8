"""How a job fails, the same way in every worker, with nothing personal in logs or incidents.

- `BusinessError` (pyzeebe) with an error code: a BPMN error the model may catch.
- `PermanentJobError`: the job can never succeed as it is (missing or invalid data); it fails
  with no retries left, so an incident is raised at once for an operator to fix and resolve.
- anything else: a technical failure; the engine offers the job again after a back-off that grows
  exponentially (`RetryPolicy`), until the model's retries are used up: a dependency down for up to
  ten minutes never needs an operator.
Only the exception's class and our own French messages reach the engine, never the variables.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pyzeebe import Job, JobController
from pyzeebe.errors import BusinessError
from pyzeebe.task.exception_handler import ExceptionHandler

if TYPE_CHECKING:
    from plumbing.settings import PlatformSettings

log = logging.getLogger(__name__)


class PermanentJobError(Exception):
    """The job's input cannot be processed; the message is French and carries no personal data."""


class TransientJobError(Exception):
    """A dependency is unavailable; the message is French and carries no personal data."""


@dataclass(frozen=True)
class RetryPolicy:
    """The wait before the engine offers a technically failed job again.

    The number of attempts is the model's (`zeebe:taskDefinition retries`). The wait doubles from one
    attempt to the next up to `max_ms` before the last one (half of it before the one before, and so
    on), never under `min_ms`, spread by ±`jitter` so that jobs failed together do not come back
    together. With the defaults and the model's 8 retries: about 5 s, 9 s, 19 s, 38 s, 75 s, 150 s and
    300 s, so the incident comes after about ten minutes of failures.
    """

    min_ms: int = 5_000
    max_ms: int = 300_000
    jitter: float = 0.2
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def backoff_ms(self, retries_left: int) -> int:
        """The wait before the next attempt, when `retries_left` attempts remain after this failure."""
        if retries_left <= 0:
            return 0  # no attempt follows: the incident is raised at once
        nominal = max(self.min_ms, min(self.max_ms, self.max_ms / 2 ** min(retries_left - 1, 60)))
        return round(nominal * self.rng.uniform(1 - self.jitter, 1 + self.jitter))


def retry_policy(platform: PlatformSettings) -> RetryPolicy:
    """The platform's policy, from `JOB_RETRY_BACKOFF_MIN_MS` and `JOB_RETRY_BACKOFF_MAX_MS`."""
    return RetryPolicy(min_ms=platform.job_retry_backoff_min_ms, max_ms=platform.job_retry_backoff_max_ms)


def job_failure_handler(policy: RetryPolicy | None = None) -> ExceptionHandler:
    retry = policy or RetryPolicy()

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
        else:
            message = str(error) if isinstance(error, TransientJobError) else None
            message = message or f"Erreur technique ({type(error).__name__})."
            # pyzeebe fails the job with `retries - 1` retries left
            await controller.set_failure_status(message, retry_back_off_ms=retry.backoff_ms(job.retries - 1))

    return handle
