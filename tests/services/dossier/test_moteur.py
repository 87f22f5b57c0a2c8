"""Through the embedded engine: a deposit starts one instance, the worker registers it, a withdrawal ends it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import grpc
import httpx
import pytest
from pyzeebe import ZeebeClient

from plumbing.health import engine_check
from plumbing.service import keep_working
from plumbing.settings import PlatformSettings
from plumbing.unit_of_work import UnitOfWork
from plumbing.worker import create_worker
from plumbing.zeebe_client import ZeebeEngineCommands
from services.dossier.settings import DossierSettings
from services.dossier.storage.repositories import SqlRepositories
from services.dossier.tasks import build_task_router
from services.dossier.wiring import build_app, build_parts
from tests.services.dossier.conftest import SEPT, entetes, fiche_sept
from tests.services.dossier.factices import FichesFactices, HorlogeFixe, PiecesFactices
from tests.services.dossier.parcours import remplir
from tests.support.actor_tokens import trust_test_tokens
from tests.support.engine_server import EngineServer, start_engine

pytestmark = pytest.mark.integration
BPMN = Path(__file__).parent / "fixtures" / "dossier_mini.bpmn"
PANNE_S = 7.0  # pyzeebe polls again 5 s after a failure: two rounds of the dossier's job types


async def attendre(condition: Callable[[], Awaitable[bool]], delai: float = 20.0) -> None:
    """Poll another process (the engine) until `condition` holds."""
    async with asyncio.timeout(delai):
        # The engine is another process: there is no event to await, only its state to read.
        while not await condition():  # noqa: ASYNC110
            await asyncio.sleep(0.05)


@dataclass
class Banc:
    """The dossier's API and worker against a real engine (a subprocess), and the engine's REST API."""

    api: httpx.AsyncClient
    rest: httpx.AsyncClient
    engine: EngineServer
    channel: grpc.aio.Channel


@pytest.fixture
async def banc(
    tmp_path: Path,
    transactions: UnitOfWork[SqlRepositories],
    pieces: PiecesFactices,
    fiches: FichesFactices,
    horloge: HorlogeFixe,
) -> AsyncIterator[Banc]:
    (tmp_path / "moteur").mkdir()
    with start_engine(tmp_path / "moteur") as engine:
        deployer = engine.channel()  # the test's client deploys; the service has no such permission
        await ZeebeClient(deployer).deploy_resource(str(BPMN))
        await deployer.close()
        channel = engine.channel("dossier")  # the service's own client: its jobs, instances, messages
        client = ZeebeClient(channel)
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
        # as `plumbing.service.serve` runs them: the worker, and the relay's loop for the engine commands
        boucles = [
            asyncio.create_task(keep_working(worker)),
            asyncio.create_task(composants.relay.run(0.2)),
        ]
        app = trust_test_tokens(build_app(composants, PlatformSettings()))
        transport = httpx.ASGITransport(app=app)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://dossier") as api,
            engine.rest_client(timeout=10) as rest,
        ):
            yield Banc(api, rest, engine, channel)
        await worker.stop()
        for boucle in boucles:
            boucle.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await boucle
        await channel.close()


async def deposer_et_instruire(api: httpx.AsyncClient) -> str:
    dossier_id = await remplir(api, SEPT, fiche_sept())
    depots = await asyncio.gather(
        *[api.post(f"/dossiers/{dossier_id}/depot", headers=entetes(SEPT)) for _ in range(2)]
    )
    assert {r.status_code for r in depots} == {200}

    async def instruit() -> bool:
        dossier = (await api.get(f"/dossiers/{dossier_id}", headers=entetes(SEPT))).json()
        return bool(dossier["statut"] == "en_instruction")

    await attendre(instruit)
    return dossier_id


async def instance_terminee(rest: httpx.AsyncClient, cle: str) -> bool:
    try:
        instance = (await rest.get(f"/v2/process-instances/{cle}")).json()
    except httpx.TransportError:  # the engine is starting again
        return False
    return bool(instance["state"] == "COMPLETED")


@pytest.mark.timeout(90)
async def test_deposit_registration_and_withdrawal_through_the_engine(banc: Banc) -> None:
    api, rest = banc.api, banc.rest
    dossier_id = await deposer_et_instruire(api)
    dossier = (await api.get(f"/dossiers/{dossier_id}", headers=entetes(SEPT))).json()
    assert dossier["numeroDemande"] == "5901202308180000001"
    instances = (await rest.post("/v2/process-instances/search", json={})).json()["items"]
    assert len(instances) == 1
    cle = instances[0]["processInstanceKey"]

    assert (await api.post(f"/dossiers/{dossier_id}/desistement", headers=entetes(SEPT))).status_code == 200
    await attendre(partial(instance_terminee, rest, cle))
    historique = (await api.get(f"/dossiers/{dossier_id}/historique", headers=entetes(SEPT))).json()
    assert [c["statut"] for c in historique["changements"]] == [
        "brouillon",
        "deposee",
        "en_instruction",
        "desistement",
    ]


@pytest.mark.timeout(120)
async def test_the_path_completes_after_the_engine_is_killed_and_restarted(banc: Banc) -> None:
    # mid-path, the engine dies (SIGKILL) and stays down long enough for every job type's poll to fail
    # more than ten times in all (pyzeebe's default limit, after which it closed the service's channel)
    api, rest = banc.api, banc.rest
    dossier_id = await deposer_et_instruire(api)
    [instance] = (await rest.post("/v2/process-instances/search", json={})).json()["items"]
    banc.engine.kill()
    await asyncio.sleep(PANNE_S)
    moteur_pret = engine_check(banc.channel)
    with pytest.raises(grpc.aio.AioRpcError):
        await moteur_pret()
    banc.engine.start()  # the same ports and database; nothing is done to the service

    async def moteur_joignable() -> bool:
        try:
            return await moteur_pret()
        except grpc.aio.AioRpcError:
            return False

    await attendre(moteur_joignable)  # the service's readiness: no « engine indisponible » for good
    assert (await api.post(f"/dossiers/{dossier_id}/desistement", headers=entetes(SEPT))).status_code == 200
    await attendre(partial(instance_terminee, rest, instance["processInstanceKey"]), delai=30)
    dossier = (await api.get(f"/dossiers/{dossier_id}", headers=entetes(SEPT))).json()
    assert dossier["statut"] == "desistement"
