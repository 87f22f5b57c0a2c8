"""Failures that stop an element instance with an incident (Zeebe's incident error types)."""

from __future__ import annotations


class Failure(Exception):
    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR"
IO_MAPPING_ERROR = "IO_MAPPING_ERROR"
CONDITION_ERROR = "CONDITION_ERROR"
CALLED_ELEMENT_ERROR = "CALLED_ELEMENT_ERROR"
CALLED_DECISION_ERROR = "CALLED_DECISION_ERROR"
UNHANDLED_ERROR_EVENT = "UNHANDLED_ERROR_EVENT"
JOB_NO_RETRIES = "JOB_NO_RETRIES"
FORM_NOT_FOUND = "FORM_NOT_FOUND"


def type_name(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "BOOLEAN"
    if isinstance(value, int | float):
        return "NUMBER"
    if isinstance(value, str):
        return "STRING"
    if isinstance(value, list):
        return "ARRAY"
    if isinstance(value, dict):
        return "OBJECT"
    return type(value).__name__.upper()
