"""The REST API as Camunda's own Python client (camunda-orchestration-sdk 9, Camunda 8.9) uses it, unchanged.

The client parses every answer into its generated models, which reject a missing or mistyped field:
each call here checks the shape of Camunda's answer as well as the engine's behaviour.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from camunda_orchestration_sdk import CamundaAsyncClient
from camunda_orchestration_sdk import errors as sdk_errors
from camunda_orchestration_sdk.models import (
    CancelProcessInstanceData,
    ClockPinRequest,
    ElementInstanceFilter,
    ElementInstanceSearchQuery,
    IncidentFilter,
    IncidentSearchQuery,
    JobActivationRequest,
    JobChangeset,
    JobCompletionRequest,
    JobCompletionRequestVariables,
    JobFailRequest,
    JobUpdateRequest,
    MessagePublicationRequest,
    OffsetBasedPagination,
    ProcessCreationById,
    ProcessDefinitionFilter,
    ProcessDefinitionSearchQuery,
    ProcessInstanceCreationInstructionByIdVariables,
    ProcessInstanceFilter,
    ProcessInstanceSearchQuery,
    UserTaskAssignmentRequest,
    UserTaskCompletionRequest,
    UserTaskCompletionRequestVariables,
    UserTaskFilter,
    UserTaskSearchQuery,
    UserTaskStateExactMatch,
    VariableFilter,
    VariableSearchQuery,
)

from tests.engine.conftest import fixture_path
from tests.support.engine_server import EngineServer

pytestmark = pytest.mark.integration


@pytest.fixture
async def camunda(engine: EngineServer, tmp_path: Path) -> AsyncIterator[CamundaAsyncClient]:
    """The client as a Camunda 8.9 user configures it, with its OAuth strategy."""
    configuration = engine.camunda_configuration(tmp_path)
    async with CamundaAsyncClient(configuration=configuration) as client:  # type: ignore[arg-type]
        yield client


async def _jobs(camunda: CamundaAsyncClient, job_type: str, expected: int) -> list:  # type: ignore[type-arg]
    request = JobActivationRequest(
        type_=job_type, timeout=30_000, max_jobs_to_activate=expected, request_timeout=5_000, worker="sdk"
    )
    jobs = (await camunda.activate_jobs(data=request)).jobs
    assert len(jobs) == expected, jobs
    return jobs


async def _state(camunda: CamundaAsyncClient, key: str) -> str:
    return str((await camunda.get_process_instance(key)).state)  # type: ignore[arg-type]


async def test_a_dossier_runs_through_the_rest_api_with_camundas_client(camunda) -> None:
    topology = await camunda.get_topology()
    assert topology.cluster_size == 1 and topology.gateway_version == "8.9.0"

    deployment = await camunda.deploy_resources_from_files(
        [fixture_path("sdk_dossier.bpmn"), fixture_path("sdk_examen.form")]
    )
    [process], [form] = deployment.processes, deployment.forms
    assert process.process_definition_id == "sdk-dossier" and form.form_id == "sdk-examen"
    found = await camunda.search_process_definitions(
        data=ProcessDefinitionSearchQuery(
            filter_=ProcessDefinitionFilter(process_definition_id="sdk-dossier")
        )
    )
    [definition] = [d for d in found.items if d.process_definition_key == process.process_definition_key]
    assert definition.name == "Dossier (client Camunda)" and found.page.has_more_total_items is False
    assert 'id="sdk-dossier"' in await camunda.get_process_definition_xml(definition.process_definition_key)
    latest = await camunda.search_process_definitions(
        data=ProcessDefinitionSearchQuery(
            filter_=ProcessDefinitionFilter(process_definition_id="sdk-dossier", is_latest_version=True)
        )
    )
    assert [d.process_definition_key for d in latest.items] == [process.process_definition_key]

    created = [
        await camunda.create_process_instance(
            data=ProcessCreationById(
                process_definition_id="sdk-dossier",
                variables=ProcessInstanceCreationInstructionByIdVariables.from_dict({"dossierId": dossier}),
            )
        )
        for dossier in ("SDK-1", "SDK-2")
    ]
    kept, cancelled = (str(c.process_instance_key) for c in created)
    assert created[0].process_definition_key == process.process_definition_key

    # jobs over REST: the first is completed, the second fails for good and becomes an incident
    jobs = {str(j.process_instance_key): j for j in await _jobs(camunda, "sdk.verifier", 2)}
    assert jobs[kept].custom_headers.to_dict() == {"etape": "verification"}
    assert jobs[kept].variables.to_dict() == {"dossierId": "SDK-1"}
    await camunda.complete_job(
        jobs[kept].job_key,
        data=JobCompletionRequest(variables=JobCompletionRequestVariables.from_dict({"ok": 1})),
    )
    await camunda.fail_job(jobs[cancelled].job_key, data=JobFailRequest(retries=0, error_message="panne"))
    incidents = await camunda.search_incidents(
        data=IncidentSearchQuery(filter_=IncidentFilter(process_instance_key=cancelled))
    )
    [incident] = incidents.items
    assert incident.error_type == "JOB_NO_RETRIES" and incident.error_message == "panne"
    assert str(incident.job_key) == str(jobs[cancelled].job_key) and incident.state == "ACTIVE"
    await camunda.update_job(
        jobs[cancelled].job_key, data=JobUpdateRequest(changeset=JobChangeset(retries=2))
    )
    await camunda.resolve_incident(incident.incident_key)
    [again] = await _jobs(camunda, "sdk.verifier", 1)
    assert again.retries == 2 and str(again.process_instance_key) == cancelled

    # the user task: searched, assigned, its form read, completed
    tasks = await camunda.search_user_tasks(
        data=UserTaskSearchQuery(
            filter_=UserTaskFilter(process_instance_key=kept, state=UserTaskStateExactMatch.CREATED)
        )
    )
    [task] = tasks.items
    assert task.name == "Examiner le dossier" and task.candidate_groups == ["prefecture-75"]
    assert task.process_name == "Dossier (client Camunda)"
    await camunda.assign_user_task(task.user_task_key, data=UserTaskAssignmentRequest(assignee="ana"))
    linked = await camunda.get_user_task_form(task.user_task_key)
    assert linked.form_id == "sdk-examen" and json.loads(linked.schema)["components"][0]["key"] == "decision"
    mine = await camunda.search_user_tasks(data=UserTaskSearchQuery(filter_=UserTaskFilter(assignee="ana")))
    assert task.user_task_key in [t.user_task_key for t in mine.items]
    await camunda.complete_user_task(
        task.user_task_key,
        data=UserTaskCompletionRequest(
            variables=UserTaskCompletionRequestVariables.from_dict({"decision": "ok"})
        ),
    )

    # a message moves the instance on; the last job ends it
    published = await camunda.publish_message(
        data=MessagePublicationRequest(name="sdk-pieces-recues", correlation_key="SDK-1")
    )
    assert published.message_key
    [last] = await _jobs(camunda, "sdk.cloturer", 1)
    await camunda.complete_job(last.job_key, data=JobCompletionRequest())
    assert await _state(camunda, kept) == "COMPLETED"

    variables = await camunda.search_variables(
        data=VariableSearchQuery(filter_=VariableFilter(process_instance_key=kept, name="decision"))
    )
    assert [json.loads(v.value) for v in variables.items] == ["ok"]
    elements = await camunda.search_element_instances(
        data=ElementInstanceSearchQuery(filter_=ElementInstanceFilter(process_instance_key=kept))
    )
    path = [e.element_id for e in elements.items if e.type_ != "PROCESS"]
    assert path == ["start", "verifier", "examiner", "pieces", "cloturer", "end"]
    assert {e.state for e in elements.items} == {"COMPLETED"}
    assert [e.element_name for e in elements.items if e.element_id == "pieces"] == ["Pièces reçues"]
    examined = await camunda.search_element_instances(
        data=ElementInstanceSearchQuery(
            filter_=ElementInstanceFilter(process_definition_id="sdk-dossier", element_id="examiner")
        )
    )
    assert kept in [str(e.process_instance_key) for e in examined.items]

    # the client cannot send the cancellation without a body (it serializes its UNSET marker)
    await camunda.cancel_process_instance(cancelled, data=CancelProcessInstanceData())  # type: ignore[arg-type]
    assert await _state(camunda, cancelled) == "TERMINATED"
    ended = await camunda.search_process_instances(
        data=ProcessInstanceSearchQuery(filter_=ProcessInstanceFilter(process_definition_id="sdk-dossier"))
    )
    states = {str(i.process_instance_key): str(i.state) for i in ended.items}
    assert {states[kept], states[cancelled]} == {"COMPLETED", "TERMINATED"}


async def test_searches_page_by_offset_and_cursor(camunda) -> None:
    await camunda.deploy_resources_from_files([fixture_path("sdk_dossier.bpmn")])
    for dossier in ("PAGE-1", "PAGE-2", "PAGE-3"):
        await camunda.create_process_instance(
            data=ProcessCreationById(
                process_definition_id="sdk-dossier",
                variables=ProcessInstanceCreationInstructionByIdVariables.from_dict({"dossierId": dossier}),
            )
        )
    wanted = VariableFilter(name="dossierId", value={"$like": '"PAGE-*'})  # type: ignore[arg-type]
    first = await camunda.search_variables(
        data=VariableSearchQuery(filter_=wanted, page=OffsetBasedPagination(from_=0, limit=2))
    )
    assert first.page.total_items == 3 and len(first.items) == 2
    rest = await camunda.search_variables(
        data=VariableSearchQuery.from_dict(
            {"filter": wanted.to_dict(), "page": {"after": first.page.end_cursor, "limit": 2}}
        )
    )
    values = [json.loads(v.value) for v in [*first.items, *rest.items]]
    assert sorted(values) == ["PAGE-1", "PAGE-2", "PAGE-3"]


async def test_errors_answer_camundas_problem_detail(camunda) -> None:
    with pytest.raises(sdk_errors.NotFoundError) as missing:
        await camunda.get_process_instance("2251799813999999")  # type: ignore[arg-type]
    assert missing.value.parsed.status == 404 and missing.value.parsed.title == "NOT_FOUND"
    with pytest.raises(sdk_errors.BadRequestError) as invalid:
        await camunda.deploy_resources_from_files([fixture_path("malformed.bpmn")])
    assert invalid.value.parsed.status == 400 and "malformed.bpmn" in invalid.value.parsed.detail


async def test_the_clock_is_pinned_and_reset(fresh_engine, camunda) -> None:
    pinned = datetime(2031, 3, 4, 5, 6, 7, tzinfo=UTC)
    await camunda.pin_clock(data=ClockPinRequest(timestamp=int(pinned.timestamp() * 1000)))
    await camunda.deploy_resources_from_files([fixture_path("sdk_dossier.bpmn")])
    created = await camunda.create_process_instance(
        data=ProcessCreationById(
            process_definition_id="sdk-dossier",
            variables=ProcessInstanceCreationInstructionByIdVariables.from_dict({"dossierId": "CLOCK"}),
        )
    )
    assert (await camunda.get_process_instance(created.process_instance_key)).start_date == pinned
    await camunda.reset_clock()
    later = await camunda.create_process_instance(
        data=ProcessCreationById(
            process_definition_id="sdk-dossier",
            variables=ProcessInstanceCreationInstructionByIdVariables.from_dict({"dossierId": "CLOCK-2"}),
        )
    )
    started = (await camunda.get_process_instance(later.process_instance_key)).start_date
    assert abs((started - datetime.now(UTC)).total_seconds()) < 60
