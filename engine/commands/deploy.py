"""Deploy BPMN processes and forms: all resources of a deployment are accepted or none is."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from engine.errors import InvalidArgument
from engine.model.elements import ProcessModel
from engine.model.parser import InvalidModel, parse_bpmn
from engine.runtime.events import timer_schedule
from engine.runtime.failures import Failure
from engine.runtime.spiff.parser import build_spec
from engine.runtime.spiff.serializer import spec_to_json
from engine.runtime.spiff.specs import SpiffSpec
from engine.state.definitions import Definition, latest_version, store_spec
from engine.state.schema import forms, process_definitions, timers
from engine.state.start_triggers import replace_start_triggers
from engine.state.unit_of_work import Store, UnitOfWork

DEFAULT_TENANT = "<default>"


@dataclass
class DeployedProcess:
    bpmn_process_id: str
    version: int
    key: int
    resource_name: str


@dataclass
class DeployedForm:
    form_id: str
    version: int
    key: int
    resource_name: str


@dataclass
class DeploymentResult:
    key: int
    processes: list[DeployedProcess] = field(default_factory=list)
    forms: list[DeployedForm] = field(default_factory=list)
    tenant_id: str = DEFAULT_TENANT


def deploy(store: Store, resources: list[tuple[str, bytes]], tenant_id: str = "") -> DeploymentResult:
    tenant = tenant_id or DEFAULT_TENANT
    if not resources:
        raise InvalidArgument("Expected to deploy at least one resource, but none given")
    parsed_processes: list[tuple[str, bytes, ProcessModel, SpiffSpec]] = []
    parsed_forms: list[tuple[str, bytes, str]] = []
    for name, content in resources:
        lowered = name.lower()
        if lowered.endswith((".bpmn", ".xml")):
            try:
                for model in parse_bpmn(content, name):
                    parsed_processes.append((name, content, model, _spiff_spec(content, model, name)))
            except InvalidModel as error:
                raise InvalidArgument(
                    f"Expected to deploy new resources, but encountered the following errors: {error}"
                ) from error
        elif lowered.endswith(".form"):
            parsed_forms.append((name, content, _form_id(name, content)))
        elif lowered.endswith(".dmn"):
            raise InvalidArgument(f"'{name}': DMN decisions are not supported by this engine")
        else:
            raise InvalidArgument(f"'{name}': expected a resource name ending with .bpmn, .xml or .form")
    ids = [model.process_id for _, _, model, _ in parsed_processes]
    if len(set(ids)) != len(ids):
        raise InvalidArgument("Expected process ids to be unique within a deployment")
    with store.transaction() as uow:
        result = DeploymentResult(key=uow.next_key(), tenant_id=tenant)
        for name, content, model, spiff in parsed_processes:
            result.processes.append(
                _deploy_process(store, uow, result.key, name, content, model, spiff, tenant)
            )
        for name, content, form_id in parsed_forms:
            result.forms.append(_deploy_form(uow, result.key, name, content, form_id, tenant))
        uow.record("DEPLOYMENT", "CREATED", result.key, None, resources=[name for name, _ in resources])
    return result


def _spiff_spec(content: bytes, model: ProcessModel, name: str) -> SpiffSpec:
    try:
        return build_spec(content, model.process_id, name)
    except Exception as error:  # SpiffWorkflow's validation errors have no common base
        raise InvalidModel(f"'{name}': {error}") from error


def _form_id(name: str, content: bytes) -> str:
    try:
        document = json.loads(content)
    except ValueError as error:
        raise InvalidArgument(f"'{name}': the form is not valid JSON: {error}") from error
    form_id = document.get("id") if isinstance(document, dict) else None
    if not isinstance(form_id, str) or not form_id:
        raise InvalidArgument(f"'{name}': expected the form to have an 'id'")
    return form_id


def _checksum(content: bytes, discriminator: str) -> str:
    return hashlib.sha256(discriminator.encode() + b"\0" + content).hexdigest()


def _deploy_process(
    store: Store,
    uow: UnitOfWork,
    deployment_key: int,
    name: str,
    content: bytes,
    model: ProcessModel,
    spiff: SpiffSpec,
    tenant: str,
) -> DeployedProcess:
    checksum = _checksum(content, model.process_id)
    latest = latest_version(uow.conn, model.process_id, tenant)
    if latest is not None and latest[1] == checksum:
        existing = uow.definitions.by_version(uow.conn, model.process_id, latest[0], tenant)
        assert existing is not None
        return DeployedProcess(model.process_id, existing.version, existing.key, existing.resource_name)
    version = 1 if latest is None else latest[0] + 1
    key = uow.next_key()
    uow.conn.execute(
        process_definitions.insert().values(
            key=key,
            bpmn_process_id=model.process_id,
            version=version,
            name=model.name,
            resource_name=name,
            resource=content.decode("utf-8"),
            checksum=checksum,
            deployment_key=deployment_key,
            tenant_id=tenant,
            deployed_at=uow.now,
        )
    )
    store_spec(uow.conn, key, spec_to_json(spiff))
    uow.definitions.remember_parsed(Definition(key, model.process_id, version, name, tenant, model, spiff))
    uow.record(
        "PROCESS", "CREATED", key, None, bpmnProcessId=model.process_id, version=version, resourceName=name
    )
    _replace_start_events(uow, model, key)
    return DeployedProcess(model.process_id, version, key, name)


def _replace_start_events(uow: UnitOfWork, model: ProcessModel, definition_key: int) -> None:
    uow.conn.execute(
        timers.delete().where(
            timers.c.process_instance_key.is_(None),
            timers.c.definition_key.in_(
                process_definitions.select()
                .with_only_columns(process_definitions.c.key)
                .where(process_definitions.c.bpmn_process_id == model.process_id)
                .scalar_subquery()
            ),
        )
    )
    triggers: list[dict[str, str]] = []
    for start in model.start_events(model.process_id):
        event = start.event
        if event is None or event.kind == "none":
            continue
        if event.kind == "message" and event.message_name is not None:
            triggers.append(
                {"element_id": start.id, "kind": "message", "name": str(event.message_name.evaluate({}))}
            )
        elif event.kind == "signal" and event.signal_name is not None:
            triggers.append(
                {"element_id": start.id, "kind": "signal", "name": str(event.signal_name.evaluate({}))}
            )
        elif event.kind == "timer" and event.timer is not None:
            try:
                due, repetitions, interval = timer_schedule(
                    event.timer_kind or "", event.timer.evaluate({}), uow.now
                )
            except Failure as failure:
                raise InvalidArgument(f"element '{start.id}': {failure.message}") from failure
            key = uow.next_key()
            uow.conn.execute(
                timers.insert().values(
                    key=key,
                    due_at=due,
                    process_instance_key=None,
                    element_instance_key=None,
                    catch_element_id=start.id,
                    definition_key=definition_key,
                    repetitions=repetitions,
                    interval=interval,
                    interrupting=True,
                )
            )
            uow.record("TIMER", "CREATED", key, None, dueDate=due, elementId=start.id)
            uow.effects.schedule_changed = True
    replace_start_triggers(uow.conn, model.process_id, definition_key, triggers)


def _deploy_form(
    uow: UnitOfWork, deployment_key: int, name: str, content: bytes, form_id: str, tenant: str
) -> DeployedForm:
    checksum = _checksum(content, form_id)
    table = forms
    row = (
        uow.conn.execute(
            table.select()
            .where(table.c.form_id == form_id, table.c.tenant_id == tenant)
            .order_by(table.c.version.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    if row is not None and row["checksum"] == checksum:
        return DeployedForm(form_id, row["version"], row["key"], row["resource_name"])
    version = 1 if row is None else row["version"] + 1
    key = uow.next_key()
    uow.conn.execute(
        table.insert().values(
            key=key,
            form_id=form_id,
            version=version,
            resource_name=name,
            resource=content.decode("utf-8"),
            checksum=checksum,
            deployment_key=deployment_key,
            tenant_id=tenant,
        )
    )
    uow.record("FORM", "CREATED", key, None, formId=form_id, version=version)
    return DeployedForm(form_id, version, key, name)
