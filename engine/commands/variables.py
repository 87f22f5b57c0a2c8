"""SetVariables: merge a document into a scope, locally or with propagation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine.errors import NotFound
from engine.runtime.variables import propagate, set_all_local
from engine.state.schema import element_instances
from engine.state.unit_of_work import Store


def set_variables(store: Store, element_instance_key: int, variables: dict[str, Any], local: bool) -> int:
    with store.transaction() as uow:
        row = uow.conn.execute(
            select(element_instances.c.process_instance_key).where(
                element_instances.c.key == element_instance_key
            )
        ).first()
        state = uow.instance(row[0]) if row is not None else None
        if state is None or state.active(element_instance_key) is None:
            raise NotFound(
                f"Expected to update variables for element with key '{element_instance_key}', "
                "but no such element was found"
            )
        if local:
            set_all_local(uow, state, element_instance_key, variables)
        else:
            propagate(uow, state, element_instance_key, variables)
        key = uow.next_key()
        uow.record("VARIABLE_DOCUMENT", "UPDATED", key, state.key, scopeKey=element_instance_key, local=local)
        return key
