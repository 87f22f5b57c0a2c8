"""Migration 0002: the notifier's engine messages move to the shared engine-command outbox.

A message still pending at the upgrade (the engine was away) must be published after it, with the
same message id, so that the engine keeps one copy whatever happened before.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from plumbing.database import UtcDateTime, create_database_engine, create_session_factory, upgrade_database
from plumbing.zeebe_client import ZeebeEngineCommands
from services.notifier.__main__ import MIGRATIONS, VERSION_TABLE
from services.notifier.storage.tables import engine_commands
from services.notifier.wiring import build_engine_relay
from tests.services.notifier.conftest import Horloge, make_deps
from tests.services.notifier.test_engine_messages import MoteurSimule

pytestmark = pytest.mark.integration

T0 = datetime(2023, 9, 12, 8, 0, tzinfo=UTC)
MESSAGES = sa.table(
    "notifier_messages_moteur",
    *(sa.column(name, sa.String) for name in ("message_id", "nom", "cle_correlation", "derniere_erreur")),
    sa.column("variables", sa.JSON),
    *(sa.column(name, UtcDateTime()) for name in ("cree_le", "publie_le")),
    sa.column("tentatives", sa.Integer),
)


def message(numero: int, publie_le: datetime | None, tentatives: int, erreur: str | None) -> dict[str, Any]:
    """A row of the former table (migration 0001), as the former relay left it."""
    return {
        "message_id": f"notification-lue-n{numero}",
        "nom": "notification-lue",
        "cle_correlation": f"n{numero}",
        "variables": {"notificationId": f"n{numero}"},
        "cree_le": T0,
        "publie_le": publie_le,
        "tentatives": tentatives,
        "derniere_erreur": erreur,
    }


def upgrade_to(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["version_table"] = VERSION_TABLE
    command.upgrade(config, revision)


async def test_pending_engine_messages_survive_the_upgrade_and_are_published(database_url: str) -> None:
    upgrade_to(database_url, "0001")
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            sa.insert(MESSAGES),
            [message(1, None, 3, "ZeebeGatewayUnavailableError"), message(0, T0, 1, None)],
        )
    engine.dispose()

    upgrade_database(database_url, MIGRATIONS, VERSION_TABLE)

    engine = create_database_engine(database_url)
    try:
        assert "notifier_messages_moteur" not in sa.inspect(engine).get_table_names()
        deps = make_deps(create_session_factory(engine), Horloge())
        with deps.sessions() as session:
            copied = session.execute(sa.select(engine_commands).order_by(engine_commands.c.id)).all()
        assert [(r.id, r.kind, r.name, r.correlation_key, r.variables) for r in copied] == [
            ("notification-lue-n0", "publish-message", "notification-lue", "n0", {"notificationId": "n0"}),
            ("notification-lue-n1", "publish-message", "notification-lue", "n1", {"notificationId": "n1"}),
        ]
        assert [(r.created_at, r.attempts, r.done_at, r.last_error) for r in copied] == [
            (T0, 1, T0, None),
            (T0, 3, None, "ZeebeGatewayUnavailableError"),
        ]
        moteur = MoteurSimule()
        moteur.disponible = True
        relay = build_engine_relay(deps, ZeebeEngineCommands(moteur, message_ttl_ms=1000))  # type: ignore[arg-type]
        assert await relay.send_pending() == 1
        assert moteur.recus == ["notification-lue-n1"]
    finally:
        engine.dispose()
