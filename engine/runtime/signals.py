"""Broadcasting a signal: signal start events of the latest versions and open signal subscriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.runtime.events import can_trigger, trigger
from engine.state.start_triggers import latest_start_triggers
from engine.state.subscriptions import close_all_of_element, signal_subscriptions_named

if TYPE_CHECKING:
    from engine.runtime.executor import Executor


def broadcast_signal(ex: Executor, name: str, variables: dict[str, Any], tenant_id: str) -> None:
    uow = ex.uow
    for start in latest_start_triggers(uow.conn, "signal", name):
        definition = uow.definitions.get(uow.conn, start["definition_key"])
        if definition is not None:
            ex.create_process_instance(
                definition,
                {},
                start_element_id=start["element_id"],
                tenant_id=tenant_id,
                start_triggered=True,
                start_variables=dict(variables),
            )
    for subscription in signal_subscriptions_named(uow.conn, name):
        state = uow.instance(subscription["process_instance_key"])
        if state is None:
            continue
        owner = state.active(subscription["element_instance_key"])
        if owner is None or not can_trigger(state, owner, subscription["catch_element_id"]):
            continue
        if subscription["interrupting"]:
            close_all_of_element(uow.conn, owner.key, {subscription["catch_element_id"]})
        trigger(ex, state, owner, subscription["catch_element_id"], dict(variables))
