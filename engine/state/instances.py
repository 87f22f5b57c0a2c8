"""Loading and writing back process instance state (element instances and variables)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from engine.model.elements import ProcessModel
from engine.model.instances import (
    ACTIVE_STATES,
    ElementInstance,
    InstanceState,
    ProcessInstance,
    Variable,
)
from engine.state.flow_codec import FlowCodec
from engine.state.schema import element_instances, process_instances, spiff_states, variables

_PI_COLUMNS = (
    "key",
    "definition_key",
    "bpmn_process_id",
    "version",
    "state",
    "started_at",
    "tenant_id",
    "parent_process_instance_key",
    "parent_element_instance_key",
    "start_correlation_key",
    "ended_at",
)


def load_process_instance(conn: Connection, key: int, lock: bool) -> ProcessInstance | None:
    query = select(process_instances).where(process_instances.c.key == key)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return ProcessInstance(**{c: row[c] for c in _PI_COLUMNS})


def load_state(conn: Connection, instance: ProcessInstance, model: ProcessModel) -> InstanceState:
    state = InstanceState(instance, model)
    rows = conn.execute(
        select(element_instances).where(
            element_instances.c.process_instance_key == instance.key,
            element_instances.c.state.in_(ACTIVE_STATES),
        )
    ).mappings()
    for row in rows:
        state.add_element(
            ElementInstance(
                key=row["key"],
                process_instance_key=row["process_instance_key"],
                element_id=row["element_id"],
                element_type=row["element_type"],
                flow_scope_key=row["flow_scope_key"],
                state=row["state"],
                started_at=row["started_at"],
                data=json.loads(row["data"]) if row["data"] else {},
            )
        )
    var_rows = conn.execute(
        select(variables.c.key, variables.c.scope_key, variables.c.name, variables.c.value).where(
            variables.c.process_instance_key == instance.key
        )
    )
    for var_key, scope_key, name, value in var_rows:
        if scope_key in state.elements:
            state.variables.setdefault(scope_key, {})[name] = Variable(var_key, json.loads(value))
    return state


def load_flow(conn: Connection, state: InstanceState, spiff: Any, hot: Any, codec: FlowCodec) -> None:
    """The instance's Spiff workflow: the hot one if it is still current, else its stored state."""
    row = conn.execute(
        select(spiff_states.c.revision, spiff_states.c.state).where(
            spiff_states.c.process_instance_key == state.key
        )
    ).first()
    if row is None:
        return
    workflow = hot.take(state.key, row[0])
    if workflow is None:
        workflow = codec.flow_from_json(row[1], spiff)
    state.flow = codec.attach(workflow, state, row[0])


def flush_flow(conn: Connection, state: InstanceState, codec: FlowCodec) -> None:
    """Write the Spiff workflow's state (its task trees, never its spec) when it changed."""
    flow = state.flow
    if flow is None:
        return
    if not state.is_active:
        if not state.instance.is_new:
            conn.execute(delete(spiff_states).where(spiff_states.c.process_instance_key == state.key))
        flow.dirty = False
        return
    if not flow.dirty:
        return
    text = codec.flow_to_json(flow.workflow)
    if state.instance.is_new:
        conn.execute(insert(spiff_states).values(process_instance_key=state.key, revision=1, state=text))
        flow.revision = 1
    else:
        flow.revision += 1
        conn.execute(
            update(spiff_states)
            .where(spiff_states.c.process_instance_key == state.key)
            .values(revision=flow.revision, state=text)
        )
    flow.dirty = False


def flush_state(conn: Connection, state: InstanceState, now: int) -> None:
    instance = state.instance
    if instance.is_new:
        conn.execute(insert(process_instances).values({c: getattr(instance, c) for c in _PI_COLUMNS}))
    elif instance.dirty:
        conn.execute(
            update(process_instances)
            .where(process_instances.c.key == instance.key)
            .values(state=instance.state, ended_at=instance.ended_at)
        )
    instance.is_new = instance.dirty = False
    new_elements: list[dict[str, Any]] = []
    changed_elements: list[dict[str, Any]] = []
    for element in state.elements.values():
        if element.is_new:
            new_elements.append(_element_row(element))
        elif element.dirty:
            data = json.dumps(element.data) if element.data else None
            changed_elements.append({"k": element.key, "s": element.state, "e": element.ended_at, "d": data})
        element.is_new = element.dirty = False
    if new_elements:
        conn.execute(insert(element_instances), new_elements)
    if changed_elements:
        conn.execute(_UPDATE_ELEMENT, changed_elements)
    _flush_variables(conn, state, now)
    for key in [k for k, e in state.elements.items() if not e.is_active]:
        del state.elements[key]
        state.variables.pop(key, None)


_UPDATE_ELEMENT = (
    update(element_instances)
    .where(element_instances.c.key == bindparam("k"))
    .values(state=bindparam("s"), ended_at=bindparam("e"), data=bindparam("d"))
)
_UPDATE_VARIABLE = (
    update(variables)
    .where(variables.c.key == bindparam("k"))
    .values(value=bindparam("v"), updated_at=bindparam("t"))
)


def _element_row(element: ElementInstance) -> dict[str, Any]:
    return {
        "key": element.key,
        "process_instance_key": element.process_instance_key,
        "element_id": element.element_id,
        "element_type": element.element_type,
        "flow_scope_key": element.flow_scope_key,
        "state": element.state,
        "started_at": element.started_at,
        "ended_at": element.ended_at,
        "data": json.dumps(element.data) if element.data else None,
    }


def _flush_variables(conn: Connection, state: InstanceState, now: int) -> None:
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    for scope_key, scope_vars in state.variables.items():
        for name, variable in scope_vars.items():
            if variable.is_new:
                new_rows.append(
                    {
                        "key": variable.key,
                        "scope_key": scope_key,
                        "process_instance_key": state.key,
                        "name": name,
                        "value": json.dumps(variable.value),
                        "updated_at": now,
                    }
                )
            elif variable.dirty:
                changed_rows.append({"k": variable.key, "v": json.dumps(variable.value), "t": now})
            variable.is_new = variable.dirty = False
    if new_rows:
        conn.execute(insert(variables), new_rows)
    if changed_rows:
        conn.execute(_UPDATE_VARIABLE, changed_rows)


def visible_variables_of(uow_or_conn: Any, jobs: list[Any]) -> dict[int, dict[str, Any]]:
    """Variables visible from each job's element instance, read in two queries for the whole batch."""
    conn: Connection = getattr(uow_or_conn, "conn", uow_or_conn)
    instance_keys = list({job["process_instance_key"] for job in jobs})
    scopes = dict(
        conn.execute(
            select(element_instances.c.key, element_instances.c.flow_scope_key).where(
                element_instances.c.process_instance_key.in_(instance_keys),
                element_instances.c.state.in_(ACTIVE_STATES),
            )
        ).all()
    )
    by_scope: dict[int, list[tuple[str, str]]] = {}
    for scope_key, name, value in conn.execute(
        select(variables.c.scope_key, variables.c.name, variables.c.value).where(
            variables.c.process_instance_key.in_(instance_keys)
        )
    ):
        by_scope.setdefault(scope_key, []).append((name, value))
    result: dict[int, dict[str, Any]] = {}
    for job in jobs:
        chain: list[int] = []
        current: int | None = job["element_instance_key"]
        while current is not None and current in scopes:
            chain.append(current)
            current = scopes[current]
        merged: dict[str, Any] = {}
        for scope_key in reversed(chain):
            for name, value in by_scope.get(scope_key, ()):
                merged[name] = json.loads(value)
        result[job["element_instance_key"]] = merged
    return result
