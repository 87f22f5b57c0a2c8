"""Typed contracts of the process's service tasks: one input and one output model per job type.

Each service's module (`contracts.jobs.<service>`) declares the `JobContract` of its job types;
`CONTRACTS` gathers them so a test can check them against the BPMN model, and
`plumbing.worker.register_job` uses one to fetch, validate and serialise a job's variables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from contracts.base import JobVariables, wire_names

In = TypeVar("In", bound=JobVariables)
Out = TypeVar("Out", bound=JobVariables)
Headers = TypeVar("Headers", bound=JobVariables)


class NoVariables(JobVariables):
    """A job that reads or writes no process variable (or a task without custom headers)."""


@dataclass(frozen=True)
class JobContract(Generic[In, Headers, Out]):
    """What a job of `job_type` reads (`input`, `headers`) and writes back (`output`)."""

    job_type: str  # a contracts.process.JobType
    input: type[In]
    output: type[Out]
    headers: type[Headers]

    @property
    def variables_to_fetch(self) -> list[str]:
        return wire_names(self.input)

    @property
    def variables_produced(self) -> list[str]:
        return wire_names(self.output)
