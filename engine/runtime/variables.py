"""Zeebe's variable scopes: local variables, propagation to the nearest scope, input/output mappings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.model.elements import Mapping
from engine.model.expressions import ExpressionError
from engine.model.instances import InstanceState, Variable
from engine.runtime.failures import IO_MAPPING_ERROR, Failure

if TYPE_CHECKING:
    from engine.state.unit_of_work import UnitOfWork


def set_local(uow: UnitOfWork, state: InstanceState, scope_key: int, name: str, value: Any) -> None:
    scope_vars = state.variables.setdefault(scope_key, {})
    existing = scope_vars.get(name)
    if existing is None:
        key = uow.next_key()
        scope_vars[name] = Variable(key, value, is_new=True)
        uow.record("VARIABLE", "CREATED", key, state.key, name=name, scopeKey=scope_key, value=value)
    elif existing.value != value or type(existing.value) is not type(value):
        existing.value = value
        existing.dirty = existing.dirty or not existing.is_new
        uow.record("VARIABLE", "UPDATED", existing.key, state.key, name=name, scopeKey=scope_key, value=value)


def set_all_local(uow: UnitOfWork, state: InstanceState, scope_key: int, values: dict[str, Any]) -> None:
    for name, value in values.items():
        set_local(uow, state, scope_key, name, value)


def propagate(uow: UnitOfWork, state: InstanceState, start_scope_key: int, values: dict[str, Any]) -> None:
    """Update each variable in the nearest scope that has it, else create it in the root scope."""
    chain = state.scope_chain(start_scope_key)
    for name, value in values.items():
        target = state.key
        for scope in chain:
            if name in state.variables.get(scope.key, {}):
                target = scope.key
                break
        set_local(uow, state, target, name, value)


def evaluate_mappings(mappings: list[Mapping], context: dict[str, Any]) -> dict[str, Any]:
    """Evaluate mappings in order; a later mapping sees the targets of the earlier ones."""
    result: dict[str, Any] = {}
    scope = dict(context)
    for mapping in mappings:
        try:
            value = mapping.source.evaluate(scope)
        except ExpressionError as error:
            raise Failure(IO_MAPPING_ERROR, str(error)) from error
        path = mapping.target.split(".")
        if len(path) == 1:
            result[path[0]] = value
            scope[path[0]] = value
            continue
        root = result.get(path[0], scope.get(path[0]))
        root = dict(root) if isinstance(root, dict) else {}
        node = root
        for part in path[1:-1]:
            child = node.get(part)
            node[part] = dict(child) if isinstance(child, dict) else {}
            node = node[part]
        node[path[-1]] = value
        result[path[0]] = root
        scope[path[0]] = root
    return result
