"""Through the embedded engine: a deposit starts one instance, the worker registers it, a withdrawal ends it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from pyzeebe import ZeebeClient

from plumbing.settings import PlatformSettings
from plumbing.unit_of_work import UnitOfWork
from plumbing.worker import create_worker, create_zeebe_channel
from plumbing.zeebe_client import ZeebeEngineCommands
from services.dossier.settings import DossierSettings
from services.dossier.storage.repositories import SqlRepositories
from services.dossier.tasks import build_task_router
from services.dossier.wiring import build_app, build_parts
from tests.services.dossier.conftest import SEPT, TOKEN, entetes, fiche_sept
from tests.services.dossier.factices import FichesFactices, HorlogeFixe, PiecesFactices
from tests.services.dossier.parcours import remplir
from tests.support.engine_server import start_engine

pytestmark = pytest.mark.integration
BPMN = Path(__file__).parent / "fixtures" / "dossier_mini.bpmn"


async def attendre(condition: Callable[[], Awaitable[bool]], delai: float = 20.0) -> None:
    """Poll another process (the engine) until `condition` holds."""
    async with asyncio.timeout(delai):
        # The engine is another process: there is no event to await, only its state to read.
        while not await condition():  # noqa: ASYNC110
            await asyncio.sleep(0.05)


@pytest.fixture
async def service(
    tmp_path: Path,
    transactions: UnitOfWork[SqlRepositories],
    pieces: PiecesFactices,
    fiches: FichesFactices,
    horloge: HorlogeFixe,
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    (tmp_path / "moteur").mkdir()
    with start_engine(tmp_path / "moteur") as engine:
        channel = create_zeebe_channel(engine.grpc_address)
        client = ZeebeClient(channel)
        await client.deploy_resource(str(BPMN))
        settings = DossierSettings(database_url="sqlite://", guichet="01")
        composants = build_parts(
            settings,
            sessions=transactions.sessions,
            engine=ZeebeEngineCommands(client, message_ttl_ms=60_000),
            pieces=pieces,
            fiches=fiches,
            clock=horloge,
        )
        worker = create_worker(channel, "dossier", [build_task_router(composants.tasks)])
        travail = asyncio.create_task(worker.work())
        app = build_app(composants, PlatformSettings(INTERNAL_API_TOKEN=TOKEN))
        transport = httpx.ASGITransport(app=app)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://dossier") as api,
            httpx.AsyncClient(base_url=engine.rest_url, timeout=10) as rest,
        ):
            yield api, rest
        await worker.stop()
        travail.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await travail
        await channel.close()


@pytest.mark.timeout(90)
async def test_deposit_registration_and_withdrawal_through_the_engine(
    service: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> None:
    api, rest = service
    dossier_id = await remplir(api, SEPT, fiche_sept())
    depots = await asyncio.gather(
        *[api.post(f"/dossiers/{dossier_id}/depot", headers=entetes(SEPT)) for _ in range(2)]
    )
    assert {r.status_code for r in depots} == {200}

    async def instruit() -> bool:
        dossier = (await api.get(f"/dossiers/{dossier_id}", headers=entetes(SEPT))).json()
        return bool(dossier["statut"] == "en_instruction")

    await attendre(instruit)
    dossier = (await api.get(f"/dossiers/{dossier_id}", headers=entetes(SEPT))).json()
    assert dossier["numeroDemande"] == "5901202308180000001"
    instances = (await rest.post("/v2/process-instances/search", json={})).json()["items"]
    assert len(instances) == 1
    cle = instances[0]["processInstanceKey"]

    assert (await api.post(f"/dossiers/{dossier_id}/desistement", headers=entetes(SEPT))).status_code == 200

    async def terminee() -> bool:
        instance = (await rest.get(f"/v2/process-instances/{cle}")).json()
        return bool(instance["state"] == "COMPLETED")

    await attendre(terminee)
    historique = (await api.get(f"/dossiers/{dossier_id}/historique", headers=entetes(SEPT))).json()
    assert [c["statut"] for c in historique["changements"]] == [
        "brouillon",
        "deposee",
        "en_instruction",
        "desistement",
    ]
