"""Create and cancel process instances."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.errors import FailedPrecondition, InvalidArgument, NotFound
from engine.runtime.executor import Executor
from engine.runtime.failures import Failure
from engine.state.definitions import Definition
from engine.state.unit_of_work import Store, UnitOfWork

DEFAULT_TENANT = "<default>"
UNSTARTABLE = frozenset({"boundaryEvent", "sequenceFlow"})


@dataclass
class CreatedInstance:
    definition_key: int
    bpmn_process_id: str
    version: int
    process_instance_key: int
    tenant_id: str


def create_process_instance(
    store: Store,
    *,
    bpmn_process_id: str = "",
    definition_key: int = 0,
    version: int = -1,
    variables: dict[str, Any],
    start_element_ids: list[str] | None = None,
    tenant_id: str = "",
) -> CreatedInstance:
    tenant = tenant_id or DEFAULT_TENANT
    with store.transaction() as uow:
        definition = find_definition(uow, bpmn_process_id, definition_key, version, tenant)
        model = definition.model
        start_id: str | None = None
        if start_element_ids:
            start_id = start_element_ids[0]
            if start_id not in model.elements:
                raise InvalidArgument(
                    f"Expected to find element with id '{start_id}' to start the instance, but not found"
                )
            start = model.elements[start_id]
            if start.scope_id != model.process_id or start.kind in UNSTARTABLE or start.triggered_by_event:
                raise InvalidArgument(
                    f"Expected to start the instance at element '{start_id}', but this engine starts only at "
                    "an element of the process's own scope that is not a boundary event or event subprocess"
                )
        elif model.none_start_event(model.process_id) is None:
            raise InvalidArgument(
                "Expected to create instance of process with none start event, but there is no such event"
            )
        executor = Executor(uow)
        try:
            state = executor.create_process_instance(
                definition, variables, start_element_id=start_id, tenant_id=tenant
            )
        except Failure as failure:
            raise InvalidArgument(failure.message) from failure
        executor.run()
        return CreatedInstance(
            definition.key, definition.bpmn_process_id, definition.version, state.key, tenant
        )


def find_definition(
    uow: UnitOfWork, bpmn_process_id: str, definition_key: int, version: int, tenant: str
) -> Definition:
    if definition_key:
        definition = uow.definitions.get(uow.conn, definition_key)
        if definition is None:
            raise NotFound(f"Expected to find process definition with key '{definition_key}', but none found")
        return definition
    if not bpmn_process_id:
        raise InvalidArgument("Expected either a process definition key or a BPMN process id, but none given")
    if version is not None and version > 0:
        found = uow.definitions.by_version(uow.conn, bpmn_process_id, version, tenant)
        if found is None:
            raise NotFound(
                f"Expected to find process definition with process ID '{bpmn_process_id}' and version "
                f"'{version}', but none found"
            )
        return found
    latest = uow.definitions.latest(uow.conn, bpmn_process_id, tenant)
    if latest is None:
        raise NotFound(
            f"Expected to find process definition with process ID '{bpmn_process_id}', but none found"
        )
    return latest


def cancel_process_instance(store: Store, key: int) -> None:
    with store.transaction() as uow:
        state = uow.instance(key)
        if state is None or not state.is_active:
            raise NotFound(
                f"Expected to cancel a process instance with key '{key}', but no such process was found"
            )
        parent = state.instance.parent_process_instance_key
        if parent is not None:
            raise FailedPrecondition(
                f"Expected to cancel a process instance with key '{key}', but it is created by a parent process "
                f"instance. Cancel the root process instance '{parent}' instead."
            )
        executor = Executor(uow)
        executor.cancel_process_instance(state)
        executor.run()
