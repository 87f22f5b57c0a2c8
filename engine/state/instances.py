"""Loading and writing back process instance state (element instances and variables)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, delete, literal, select, update

from engine.model.elements import ProcessModel
from engine.model.instances import (
    ACTIVE_STATES,
    ElementInstance,
    InstanceState,
    ProcessInstance,
    Variable,
)
from engine.state import json_text
from engine.state.flow_codec import FlowCodec
from engine.state.prepared import Prepared, insert_into
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


_SELECT_INSTANCE = Prepared(
    select(*(process_instances.c[c] for c in _PI_COLUMNS)).where(process_instances.c.key == bindparam("k")),
    lock="update",
)
_SELECT_ELEMENTS = Prepared(
    select(
        element_instances.c.key,
        element_instances.c.process_instance_key,
        element_instances.c.element_id,
        element_instances.c.element_type,
        element_instances.c.flow_scope_key,
        element_instances.c.state,
        element_instances.c.started_at,
        element_instances.c.data,
    ).where(
        element_instances.c.process_instance_key == bindparam("k"),
        element_instances.c.state.in_([literal(s) for s in sorted(ACTIVE_STATES)]),
    )
)
_SELECT_VARIABLES = Prepared(
    select(variables.c.key, variables.c.scope_key, variables.c.name, variables.c.value).where(
        variables.c.process_instance_key == bindparam("k")
    )
)
_SELECT_FLOW_REVISION = Prepared(
    select(spiff_states.c.revision).where(spiff_states.c.process_instance_key == bindparam("k"))
)
_SELECT_FLOW = Prepared(
    select(spiff_states.c.revision, spiff_states.c.state).where(
        spiff_states.c.process_instance_key == bindparam("k")
    )
)
_LOCK_INSTANCE = Prepared(
    select(process_instances.c.key).where(process_instances.c.key == bindparam("k")), lock="update"
)
_BUMP_REVISION = Prepared(
    update(spiff_states)
    .where(spiff_states.c.process_instance_key == bindparam("k"))
    .values(revision=bindparam("r"))
)
_INSERT_FLOW = insert_into(spiff_states, ("process_instance_key", "revision", "state"))
_UPDATE_FLOW = Prepared(
    update(spiff_states)
    .where(spiff_states.c.process_instance_key == bindparam("k"))
    .values(revision=bindparam("r"), state=bindparam("s"))
)
_DELETE_FLOW = Prepared(delete(spiff_states).where(spiff_states.c.process_instance_key == bindparam("k")))
_INSERT_INSTANCE = insert_into(process_instances, _PI_COLUMNS)
_UPDATE_INSTANCE = Prepared(
    update(process_instances)
    .where(process_instances.c.key == bindparam("k"))
    .values(state=bindparam("s"), ended_at=bindparam("e"))
)
_INSERT_ELEMENT = insert_into(
    element_instances,
    (
        "key",
        "process_instance_key",
        "element_id",
        "element_type",
        "flow_scope_key",
        "state",
        "started_at",
        "ended_at",
        "data",
    ),
)
_UPDATE_ELEMENT = Prepared(
    update(element_instances)
    .where(element_instances.c.key == bindparam("k"))
    .values(state=bindparam("s"), ended_at=bindparam("e"), data=bindparam("d"))
)
_INSERT_VARIABLE = insert_into(
    variables, ("key", "scope_key", "process_instance_key", "name", "value", "updated_at")
)
_UPDATE_VARIABLE = Prepared(
    update(variables)
    .where(variables.c.key == bindparam("k"))
    .values(value=bindparam("v"), updated_at=bindparam("t"))
)


def load_process_instance(conn: Connection, key: int, lock: bool) -> ProcessInstance | None:
    """The instance's row; locked for the transaction on PostgreSQL (the commands always lock)."""
    del lock  # every caller locks: kept for the callers' readability
    row = _SELECT_INSTANCE.first(conn, {"k": key})
    if row is None:
        return None
    return ProcessInstance(**dict(zip(_PI_COLUMNS, row, strict=True)))


def load_state(conn: Connection, instance: ProcessInstance, model: ProcessModel) -> InstanceState:
    state = InstanceState(instance, model)
    for key, pi_key, element_id, element_type, scope, element_state, started, data in _SELECT_ELEMENTS.rows(
        conn, {"k": instance.key}
    ):
        state.add_element(
            ElementInstance(
                key=key,
                process_instance_key=pi_key,
                element_id=element_id,
                element_type=element_type,
                flow_scope_key=scope,
                state=element_state,
                started_at=started,
                data=json_text.loads(data) if data else {},
            )
        )
    for var_key, scope_key, name, value in _SELECT_VARIABLES.rows(conn, {"k": instance.key}):
        if scope_key in state.elements:
            state.variables.setdefault(scope_key, {})[name] = Variable(var_key, json_text.loads(value))
    return state


def load_flow(conn: Connection, state: InstanceState, spiff: Any, codec: FlowCodec) -> None:
    """The instance's Spiff workflow, from its stored state."""
    row = _SELECT_FLOW.first(conn, {"k": state.key})
    if row is None:
        return
    state.flow = codec.attach(codec.flow_from_json(row[1], spiff), state, row[0])


def current_revision(conn: Connection, key: int) -> int | None:
    """The revision of the instance's stored state, the instance locked for the transaction (PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        _LOCK_INSTANCE.execute(conn, {"k": key}).close()
    revision: int | None = _SELECT_FLOW_REVISION.scalar(conn, {"k": key})
    return revision


def has_changes(state: InstanceState) -> bool:
    """Whether the transaction changed anything of the instance (its row, elements or variables)."""
    instance = state.instance
    if instance.is_new or instance.dirty:
        return True
    if any(e.is_new or e.dirty for e in state.elements.values()):
        return True
    return any(v.is_new or v.dirty for scope in state.variables.values() for v in scope.values())


def flush_flow(conn: Connection, state: InstanceState, codec: FlowCodec, changed: bool) -> None:
    """Write the Spiff workflow's state (its task trees, never its spec) when it changed.

    Its revision goes up with every change of the instance (`changed`), the workflow's or not: an
    instance state kept in memory is current as long as its revision is the stored one.
    """
    flow = state.flow
    if flow is None:
        return
    if not state.is_active:
        if not state.instance.is_new:
            _DELETE_FLOW.execute(conn, {"k": state.key}).close()
        flow.dirty = False
        return
    if not flow.dirty:
        if changed and not state.instance.is_new:
            flow.revision += 1
            _BUMP_REVISION.execute(conn, {"k": state.key, "r": flow.revision}).close()
        return
    text = codec.flow_to_json(flow.workflow)
    if state.instance.is_new:
        _INSERT_FLOW.execute(conn, {"process_instance_key": state.key, "revision": 1, "state": text}).close()
        flow.revision = 1
    else:
        flow.revision += 1
        _UPDATE_FLOW.execute(conn, {"k": state.key, "r": flow.revision, "s": text}).close()
    flow.dirty = False


def flush_state(conn: Connection, state: InstanceState, now: int) -> None:
    instance = state.instance
    if instance.is_new:
        _INSERT_INSTANCE.execute(conn, {c: getattr(instance, c) for c in _PI_COLUMNS}).close()
    elif instance.dirty:
        _UPDATE_INSTANCE.execute(
            conn, {"k": instance.key, "s": instance.state, "e": instance.ended_at}
        ).close()
    instance.is_new = instance.dirty = False
    new_elements: list[dict[str, Any]] = []
    changed_elements: list[dict[str, Any]] = []
    for element in state.elements.values():
        if element.is_new:
            new_elements.append(_element_row(element))
        elif element.dirty:
            data = json_text.dumps(element.data) if element.data else None
            changed_elements.append({"k": element.key, "s": element.state, "e": element.ended_at, "d": data})
        element.is_new = element.dirty = False
    _INSERT_ELEMENT.execute_many(conn, new_elements)
    _UPDATE_ELEMENT.execute_many(conn, changed_elements)
    _flush_variables(conn, state, now)
    for key in [k for k, e in state.elements.items() if not e.is_active]:
        del state.elements[key]
        state.variables.pop(key, None)


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
        "data": json_text.dumps(element.data) if element.data else None,
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
                        "value": json_text.dumps(variable.value),
                        "updated_at": now,
                    }
                )
            elif variable.dirty:
                changed_rows.append({"k": variable.key, "v": json_text.dumps(variable.value), "t": now})
            variable.is_new = variable.dirty = False
    _INSERT_VARIABLE.execute_many(conn, new_rows)
    _UPDATE_VARIABLE.execute_many(conn, changed_rows)


def visible_variables_of(uow_or_conn: Any, jobs: list[Any]) -> dict[int, dict[str, Any]]:
    """Variables visible from each job's element instance, read in two queries for the whole batch."""
    conn: Connection = getattr(uow_or_conn, "conn", uow_or_conn)
    instance_keys = list({job["process_instance_key"] for job in jobs})
    scopes_of, variables_of = _visible_statements(len(instance_keys))
    params = {
        f"k{i}": instance_keys[min(i, len(instance_keys) - 1)] for i in range(_rounded(len(instance_keys)))
    }
    scopes: dict[int, int | None] = {key: scope for key, scope in scopes_of.rows(conn, params)}
    by_scope: dict[int, list[tuple[str, str]]] = {}
    for scope_key, name, value in variables_of.rows(conn, params):
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
                merged[name] = json_text.loads(value)
        result[job["element_instance_key"]] = merged
    return result


_VISIBLE: dict[int, tuple[Prepared, Prepared]] = {}


def _rounded(count: int) -> int:
    """Counts of keys rounded up to a power of two (the list padded with its last key): few statements."""
    return 1 << max(count - 1, 0).bit_length()


def _visible_statements(count: int) -> tuple[Prepared, Prepared]:
    size = _rounded(count)
    found = _VISIBLE.get(size)
    if found is None:
        keys: list[Any] = [bindparam(f"k{i}") for i in range(size)]
        found = _VISIBLE[size] = (
            Prepared(
                select(element_instances.c.key, element_instances.c.flow_scope_key).where(
                    element_instances.c.process_instance_key.in_(keys),
                    element_instances.c.state.in_([literal(s) for s in sorted(ACTIVE_STATES)]),
                )
            ),
            Prepared(
                select(variables.c.scope_key, variables.c.name, variables.c.value).where(
                    variables.c.process_instance_key.in_(keys)
                )
            ),
        )
    return found
