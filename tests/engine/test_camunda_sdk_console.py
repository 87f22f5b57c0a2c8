"""What the process owners' console asks the engine, as Camunda's own client asks it: instances
filtered by version, state, incident and start date; element instances by state and date; keys that
are not keys refused with a 400, as Camunda refuses them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from camunda_orchestration_sdk import CamundaAsyncClient
from camunda_orchestration_sdk.models import (
    AdvancedDateTimeFilter,
    ClockPinRequest,
    ElementInstanceFilter,
    ElementInstanceSearchQuery,
    ElementInstanceStateExactMatch,
    JobActivationRequest,
    JobFailRequest,
    ProcessCreationById,
    ProcessInstanceCreationInstructionByIdVariables,
    ProcessInstanceFilter,
    ProcessInstanceSearchQuery,
    ProcessInstanceStateExactMatch,
)

from tests.engine.conftest import fixture_path
from tests.support.engine_server import EngineServer

pytestmark = pytest.mark.integration

LUNDI = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
async def camunda(fresh_engine: EngineServer, tmp_path: Path) -> AsyncIterator[CamundaAsyncClient]:
    configuration = fresh_engine.camunda_configuration(tmp_path)
    async with CamundaAsyncClient(configuration=configuration) as client:  # type: ignore[arg-type]
        yield client


async def _start(camunda: CamundaAsyncClient, moment: datetime, dossier: str) -> str:
    await camunda.pin_clock(data=ClockPinRequest(timestamp=int(moment.timestamp() * 1000)))
    created = await camunda.create_process_instance(
        data=ProcessCreationById(
            process_definition_id="sdk-dossier",
            variables=ProcessInstanceCreationInstructionByIdVariables.from_dict({"dossierId": dossier}),
        )
    )
    return str(created.process_instance_key)


async def _keys(camunda: CamundaAsyncClient, **filters: object) -> set[str]:
    query = ProcessInstanceSearchQuery(
        filter_=ProcessInstanceFilter(process_definition_id="sdk-dossier", **filters)
    )  # type: ignore[arg-type]
    return {str(i.process_instance_key) for i in (await camunda.search_process_instances(data=query)).items}


async def test_instances_are_searched_by_start_date_incident_state_and_version(camunda) -> None:
    await camunda.deploy_resources_from_files([fixture_path("sdk_dossier.bpmn")])
    lundi = await _start(camunda, LUNDI, "LUNDI")
    mardi = await _start(camunda, LUNDI + timedelta(days=1), "MARDI")
    request = JobActivationRequest(type_="sdk.verifier", timeout=30_000, max_jobs_to_activate=2, worker="sdk")
    jobs = {str(j.process_instance_key): j for j in (await camunda.activate_jobs(data=request)).jobs}
    await camunda.fail_job(jobs[mardi].job_key, data=JobFailRequest(retries=0, error_message="panne"))

    depuis_mardi = AdvancedDateTimeFilter(gte=LUNDI + timedelta(hours=12))
    assert await _keys(camunda, start_date=depuis_mardi) == {mardi}
    avant_mardi = AdvancedDateTimeFilter(gte=LUNDI, lt=LUNDI + timedelta(hours=12))
    assert await _keys(camunda, start_date=avant_mardi) == {lundi}
    assert await _keys(camunda, has_incident=True) == {mardi}
    assert await _keys(camunda, has_incident=False) == {lundi}
    assert await _keys(
        camunda, process_definition_version=1, state=ProcessInstanceStateExactMatch.ACTIVE
    ) == {
        lundi,
        mardi,
    }
    assert await _keys(camunda, process_definition_version=2) == set()

    active = await camunda.search_element_instances(
        data=ElementInstanceSearchQuery(
            filter_=ElementInstanceFilter(
                process_instance_key=lundi, state=ElementInstanceStateExactMatch.ACTIVE
            )
        )
    )
    assert {e.element_id for e in active.items} == {"sdk-dossier", "verifier"}
    started = await camunda.search_element_instances(
        data=ElementInstanceSearchQuery(
            filter_=ElementInstanceFilter(process_instance_key=mardi, start_date=depuis_mardi)
        )
    )
    assert "verifier" in {e.element_id for e in started.items}


async def test_keys_that_are_not_keys_are_a_400_like_camundas(fresh_engine: EngineServer) -> None:
    async with fresh_engine.rest_client() as rest:
        for key in ("abc", "1_000", "+12", "%2012", "99999999999999999999", "0"):
            for method, path in (("GET", f"/v2/user-tasks/{key}"), ("GET", f"/v2/user-tasks/{key}/form")):
                answer = await rest.request(method, path)
                assert answer.status_code == 400, (path, answer.text)
                assert answer.headers["content-type"].startswith("application/problem+json")
            assert (
                await rest.post(f"/v2/user-tasks/{key}/assignment", json={"assignee": "a"})
            ).status_code == 400
        bad_date = {"filter": {"startDate": {"$gte": "lundi"}}}
        assert (await rest.post("/v2/process-instances/search", json=bad_date)).status_code == 400
        bad_version = {"filter": {"processDefinitionVersion": "deux"}}
        assert (await rest.post("/v2/process-instances/search", json=bad_version)).status_code == 400
        assert (await rest.get("/v2/user-tasks/2251799813685249")).status_code == 404
