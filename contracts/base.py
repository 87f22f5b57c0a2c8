"""The one base of every wire model: camelCase JSON, snake_case Python attributes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class ContractModel(BaseModel):
    """A model exchanged between services (internal APIs, NATS payloads, process variables).

    Serialised by alias (camelCase) and read by alias or by name, so that Python code writes
    `dossier_id=...` and the wire carries `dossierId`.
    """

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True
    )


class JobVariables(ContractModel):
    """Process variables read or written by one job type; variables it does not name are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


def wire_names(model: type[BaseModel]) -> list[str]:
    """The JSON names of a model's fields (its aliases), e.g. the variables a job fetches."""
    return [field.alias or name for name, field in model.model_fields.items()]
