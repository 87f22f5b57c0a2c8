"""BroadcastSignal."""

from __future__ import annotations

from typing import Any

from engine.errors import InvalidArgument
from engine.runtime.executor import Executor
from engine.runtime.signals import broadcast_signal
from engine.state.unit_of_work import Store


def broadcast(store: Store, name: str, variables: dict[str, Any], tenant_id: str = "") -> int:
    if not name:
        raise InvalidArgument("Expected a signal name, but none given")
    with store.transaction() as uow:
        key = uow.next_key()
        uow.record("SIGNAL", "BROADCASTED", key, None, signalName=name)
        executor = Executor(uow)
        broadcast_signal(executor, name, variables, tenant_id or "<default>")
        executor.run()
        return key
