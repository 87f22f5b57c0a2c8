"""Message start events: a published message starts an instance, one active instance per correlation key.

Zeebe's rule: while an instance started by a message with correlation key K is active, no other
message with key K starts the same process (by BPMN process id, any version); such a message stays
buffered for its TTL, and when that instance ends the oldest one starts the next instance.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import RowMapping, select

from engine.model.instances import InstanceState
from engine.state import messages as message_table
from engine.state.schema import process_instances
from engine.state.start_triggers import start_triggers_of

if TYPE_CHECKING:
    from engine.runtime.executor import Executor


def start_by_message(
    ex: Executor,
    start: RowMapping,
    message_key: int,
    name: str,
    correlation_key: str,
    variables: dict[str, Any],
    tenant: str,
) -> bool:
    """Start an instance at `start` (a message start trigger) unless its correlation key is taken."""
    uow = ex.uow
    process_id = start["bpmn_process_id"]
    if correlation_key and has_active_instance(ex, process_id, correlation_key):
        return False  # the message stays buffered until that instance ends
    definition = uow.definitions.get(uow.conn, start["definition_key"])
    if definition is None:
        return False
    ex.create_process_instance(
        definition,
        {},
        start_element_id=start["element_id"],
        start_correlation_key=correlation_key or None,
        tenant_id=tenant,
        start_triggered=True,
        start_variables=dict(variables),
    )
    message_table.mark_correlated(uow.conn, message_key, process_id)
    uow.record(
        "MESSAGE_START_EVENT_SUBSCRIPTION",
        "CORRELATED",
        message_key,
        None,
        bpmnProcessId=process_id,
        messageName=name,
        correlationKey=correlation_key,
    )
    return True


def start_buffered(ex: Executor, ended: InstanceState) -> None:
    """An instance started by a message ended: the oldest buffered message with its key starts the next."""
    instance = ended.instance
    correlation_key = instance.start_correlation_key
    if not correlation_key or instance.parent_process_instance_key is not None:
        return
    uow = ex.uow
    candidates = []
    for start in start_triggers_of(uow.conn, "message", instance.bpmn_process_id):
        message = message_table.oldest_uncorrelated(
            uow.conn, start["name"], correlation_key, instance.bpmn_process_id, instance.tenant_id, uow.now
        )
        if message is not None:
            candidates.append((message["key"], message, start))
    if not candidates:
        return
    _, message, start = min(candidates, key=lambda c: c[0])
    start_by_message(
        ex,
        start,
        message["key"],
        message["name"],
        correlation_key,
        json.loads(message["variables"]),
        instance.tenant_id,
    )


def has_active_instance(ex: Executor, process_id: str, correlation_key: str) -> bool:
    """Whether an active instance of the process was started by a message with this correlation key."""
    uow = ex.uow
    table = process_instances
    query = select(table.c.key).where(
        table.c.bpmn_process_id == process_id,
        table.c.start_correlation_key == correlation_key,
        table.c.state == "ACTIVE",
    )
    for key in uow.conn.execute(query).scalars():
        loaded = uow.states.get(key)  # this transaction's state is newer than the table's
        if loaded is None or loaded.is_active:
            return True
    return any(
        s.instance.bpmn_process_id == process_id
        and s.instance.start_correlation_key == correlation_key
        and s.is_active
        for s in uow.states.values()
    )
