"""Publish a message: correlate it to open subscriptions and message start events, buffer it for its TTL."""

from __future__ import annotations

import json
from typing import Any

from engine.errors import AlreadyExists, InvalidArgument
from engine.limits import duration_ms
from engine.runtime.events import deliver_message
from engine.runtime.executor import Executor
from engine.runtime.message_starts import start_by_message
from engine.state import messages as message_table
from engine.state.start_triggers import latest_start_triggers
from engine.state.subscriptions import matching_message_subscriptions
from engine.state.unit_of_work import Store, UnitOfWork

DEFAULT_TENANT = "<default>"


def publish_message(
    store: Store,
    *,
    name: str,
    correlation_key: str,
    time_to_live_ms: int,
    message_id: str,
    variables: dict[str, Any],
    tenant_id: str = "",
) -> int:
    if not name:
        raise InvalidArgument("Expected a message name, but none given")
    duration_ms(time_to_live_ms, "timeToLive")
    tenant = tenant_id or DEFAULT_TENANT
    with store.transaction() as uow:
        if message_id and message_table.message_id_taken(
            uow.conn, name, correlation_key, message_id, tenant, uow.now
        ):
            raise AlreadyExists(
                f"Expected to publish a new message with id '{message_id}', but a message with that id was "
                "already published"
            )
        key = uow.next_key()
        variables_json = json.dumps(variables)
        uow.record(
            "MESSAGE",
            "PUBLISHED",
            key,
            None,
            name=name,
            correlationKey=correlation_key,
            timeToLive=time_to_live_ms,
            messageId=message_id,
        )
        ttl = max(time_to_live_ms, 0)
        message_table.insert_message(
            uow.conn,
            key=key,
            name=name,
            correlation_key=correlation_key,
            message_id=message_id or None,
            variables=variables_json,
            published_at=uow.now,
            expires_at=uow.now + ttl,
            tenant_id=tenant,
        )
        executor = Executor(uow)
        correlated = _correlate_subscriptions(
            uow, executor, key, name, correlation_key, variables_json, tenant
        )
        _start_instances(uow, executor, key, name, correlation_key, variables, tenant, correlated)
        executor.run()
        if ttl == 0:
            message_table.delete_messages(uow.conn, [key])
        else:
            uow.effects.schedule_changed = True
        return key


def _correlate_subscriptions(
    uow: UnitOfWork,
    executor: Executor,
    key: int,
    name: str,
    correlation_key: str,
    variables_json: str,
    tenant: str,
) -> set[str]:
    correlated: set[str] = set()
    for subscription in matching_message_subscriptions(uow.conn, name, correlation_key, tenant):
        process_id = subscription["bpmn_process_id"]
        if process_id in correlated:
            continue  # a message correlates once per process id
        state = uow.instance(subscription["process_instance_key"])
        owner = state.active(subscription["element_instance_key"]) if state is not None else None
        if state is None or owner is None:
            continue
        if deliver_message(
            executor,
            state,
            owner,
            subscription["key"],
            subscription["catch_element_id"],
            key,
            variables_json,
            subscription["interrupting"],
        ):
            correlated.add(process_id)
    return correlated


def _start_instances(
    uow: UnitOfWork,
    executor: Executor,
    key: int,
    name: str,
    correlation_key: str,
    variables: dict[str, Any],
    tenant: str,
    correlated: set[str],
) -> None:
    for start in latest_start_triggers(uow.conn, "message", name):
        process_id = start["bpmn_process_id"]
        if process_id in correlated:
            continue
        if start_by_message(executor, start, key, name, correlation_key, variables, tenant):
            correlated.add(process_id)
