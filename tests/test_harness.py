"""The harness itself: the real servers the suites rely on start and answer."""

from __future__ import annotations

import nats
import pytest
from sqlalchemy import text

from plumbing.database import create_database_engine

pytestmark = pytest.mark.integration


def test_each_storage_backend_answers(database_url: str) -> None:
    engine = create_database_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()


async def test_nats_jetstream_is_enabled(nats_url: str) -> None:
    client = await nats.connect(nats_url)
    info = await client.jetstream().account_info()
    assert info.streams == 0 or info.streams >= 0
    await client.close()


def test_the_pgserver_wheel_is_a_working_fallback() -> None:
    """Machines without PostgreSQL's Debian binaries still test storage on a real PostgreSQL."""
    from tests.support.postgres import wheel_postgres

    with wheel_postgres() as server:
        engine = create_database_engine(server.new_database())
        with engine.connect() as connection:
            assert (
                connection.execute(text("SELECT current_setting('server_version_num')::int")).scalar()
                >= 150000
            )
        engine.dispose()
