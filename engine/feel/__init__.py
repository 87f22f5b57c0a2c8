"""FEEL (Friendly Enough Expression Language) as Camunda 8 / Zeebe evaluates it (FEEL-scala).

Values: number -> Decimal (34 digits, DECIMAL128), string -> str, boolean -> bool, null -> None,
list -> list, context -> dict, date -> datetime.date, time -> datetime.time (optionally aware),
date and time -> datetime.datetime (naive = local), days and time duration -> timedelta,
years and months duration -> YearsMonthsDuration, range -> FeelRange, function -> FeelFunction.
Most evaluation failures yield null, as in Camunda; FeelEvaluationError is kept for the few that
Zeebe turns into incidents (a failed `assert`, `?` outside a unary test).
"""

from engine.feel.api import (
    CompiledExpression,
    CompiledUnaryTests,
    compile_expression,
    compile_unary_tests,
    evaluate,
    expression_source,
    is_expression,
    unary_test,
)
from engine.feel.clock import clock_override
from engine.feel.convert import to_feel, to_json
from engine.feel.datatypes import FeelFunction, FeelRange, YearsMonthsDuration
from engine.feel.errors import FeelError, FeelEvaluationError, FeelSyntaxError

__all__ = [
    "CompiledExpression",
    "CompiledUnaryTests",
    "FeelError",
    "FeelEvaluationError",
    "FeelFunction",
    "FeelRange",
    "FeelSyntaxError",
    "YearsMonthsDuration",
    "clock_override",
    "compile_expression",
    "compile_unary_tests",
    "evaluate",
    "expression_source",
    "is_expression",
    "to_feel",
    "to_json",
    "unary_test",
]
