"""A job as the engine hands it to a worker, for calling a registered handler directly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pyzeebe import Job


def job(job_type: str, variables: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> Job:
    """A running job of `job_type` carrying these process variables and task headers."""
    return Job(
        key=1,
        type=str(job_type),
        process_instance_key=2,
        bpmn_process_id="test",
        process_definition_version=1,
        process_definition_key=3,
        element_id="test",
        element_instance_key=4,
        custom_headers=dict(headers or {}),
        worker="test",
        retries=3,
        deadline=0,
        variables=dict(variables),
    )
