"""Engine fixtures: a session-wide engine, a fresh engine per test, pyzeebe and REST clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from pyzeebe import ZeebeClient, create_insecure_channel

from tests.support.engine_server import EngineServer, start_engine

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def engine_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineServer]:
    """One engine (SQLite, clock control) shared by the session: deploy with unique process ids."""
    with start_engine(tmp_path_factory.mktemp("engine")) as server:
        yield server


@pytest.fixture
def fresh_engine(tmp_path: Path) -> Iterator[EngineServer]:
    """An engine of its own for a test that restarts, kills or pins the clock."""
    with start_engine(tmp_path) as server:
        yield server


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> EngineServer:
    """The engine a test talks to: its own when it asks for `fresh_engine`, else the session's."""
    if "fresh_engine" in request.fixturenames:
        return request.getfixturevalue("fresh_engine")  # type: ignore[no-any-return]
    return request.getfixturevalue("engine_server")  # type: ignore[no-any-return]


@pytest.fixture
async def zeebe(engine: EngineServer) -> AsyncIterator[ZeebeClient]:
    channel = create_insecure_channel(grpc_address=engine.grpc_address)
    yield ZeebeClient(channel)
    await channel.close()


@pytest.fixture
async def rest(engine: EngineServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=engine.rest_url, timeout=30) as client:
        yield client


def fixture_path(name: str) -> str:
    return str(FIXTURES / name)
