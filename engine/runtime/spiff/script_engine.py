"""The script engine Spiff calls for sequence flow conditions: '='-text is FEEL, anything else a literal."""

from __future__ import annotations

from typing import Any, ClassVar

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine

from engine.model.expressions import Expression, ExpressionError
from engine.runtime.failures import CONDITION_ERROR, Failure, type_name


class FeelScriptEngine(PythonScriptEngine):
    """Spiff evaluates only sequence flow conditions here: '='-text is FEEL over our scoped variables."""

    _compiled: ClassVar[dict[str, Expression]] = {}

    def evaluate(self, task: Any, expression: str, external_context: Any = None) -> Any:
        source = expression.strip()
        if not source.startswith("="):
            return expression  # Zeebe's rule: not FEEL, a literal
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = Expression(source)
        variables = task.workflow.top_workflow.engine_variables(task)
        try:
            value = compiled.evaluate(variables)
        except ExpressionError as error:
            raise Failure(CONDITION_ERROR, str(error)) from error
        if value is None:
            return False
        if not isinstance(value, bool):
            raise Failure(
                CONDITION_ERROR,
                f"Expected result of the expression '{source}' to be 'BOOLEAN', but was '{type_name(value)}'.",
            )
        return value

    def execute(self, task: Any, script: str, external_context: Any = None) -> Any:
        raise Failure(CONDITION_ERROR, "scripts are evaluated by the engine, not by SpiffWorkflow")


SCRIPT_ENGINE = FeelScriptEngine()
