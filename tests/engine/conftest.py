"""Engine fixtures: a session-wide engine, a fresh engine per test, pyzeebe and REST clients (with the
tests' client's bearer token, as every engine requires one)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from pyzeebe import ZeebeClient

from tests.support.engine_server import EngineServer, start_engine
from tests.support.postgres import PostgresServer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine_storage(request: pytest.FixtureRequest) -> str:
    """Every engine test runs on both back-ends: SQLite (the default) and PostgreSQL."""
    return request.param  # type: ignore[no-any-return]


def _database_url(storage: str, request: pytest.FixtureRequest) -> str | None:
    if storage == "sqlite":
        return None  # the engine's default: a SQLite file in its directory
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture(scope="session")
def engine_server(
    engine_storage: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EngineServer]:
    """One engine (clock control) per back-end, shared by the session: deploy with unique process ids."""
    url = _database_url(engine_storage, request)
    with start_engine(tmp_path_factory.mktemp("engine"), database_url=url) as server:
        yield server


@pytest.fixture
def fresh_engine(
    engine_storage: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[EngineServer]:
    """An engine of its own for a test that restarts, kills or pins the clock."""
    with start_engine(tmp_path, database_url=_database_url(engine_storage, request)) as server:
        yield server


@pytest.fixture
def engine(engine_storage: str, request: pytest.FixtureRequest) -> EngineServer:
    """The engine a test talks to: its own when it asks for `fresh_engine`, else the session's."""
    if "fresh_engine" in request.fixturenames:
        return request.getfixturevalue("fresh_engine")  # type: ignore[no-any-return]
    return request.getfixturevalue("engine_server")  # type: ignore[no-any-return]


@pytest.fixture
async def zeebe(engine: EngineServer) -> AsyncIterator[ZeebeClient]:
    channel = engine.channel()
    yield ZeebeClient(channel)
    await channel.close()


@pytest.fixture
async def rest(engine: EngineServer) -> AsyncIterator[httpx.AsyncClient]:
    async with engine.rest_client(timeout=30) as client:
        yield client


def fixture_path(name: str) -> str:
    return str(FIXTURES / name)
