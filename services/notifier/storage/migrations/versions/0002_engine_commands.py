"""Engine messages move to the shared engine-command outbox (`notifier_engine_commands`).

Pending `notification-lue` messages are copied with their message id (the command id), so the
relay publishes them after the upgrade and the engine still keeps one copy of each.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COMMANDS, MESSAGES = "notifier_engine_commands", "notifier_messages_moteur"
PUBLISH = "publish-message"


def _messages_table() -> sa.TableClause:
    return sa.table(
        MESSAGES,
        *(sa.column(name) for name in ("message_id", "nom", "cle_correlation", "variables")),
        *(sa.column(name) for name in ("cree_le", "tentatives", "publie_le", "derniere_erreur")),
    )


def _commands_table() -> sa.TableClause:
    return sa.table(
        COMMANDS,
        *(sa.column(name) for name in ("id", "kind", "name", "correlation_key", "variables")),
        *(sa.column(name) for name in ("created_at", "attempts", "done_at", "last_error")),
    )


def upgrade() -> None:
    op.create_table(
        COMMANDS,
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("correlation_key", sa.String(200)),
        sa.Column("variables", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True)),
        sa.Column("done_at", sa.DateTime(timezone=True)),
        sa.Column("instance_key", sa.BigInteger),
        sa.Column("last_error", sa.String(200)),
    )
    op.create_index(f"ix_{COMMANDS}_created_at", COMMANDS, ["created_at"])
    op.create_index(f"ix_{COMMANDS}_done_at", COMMANDS, ["done_at"])
    old, new = _messages_table(), _commands_table()
    columns = ["id", "kind", "name", "correlation_key", "variables", "created_at", "attempts"]
    copy = sa.select(
        old.c.message_id,
        sa.literal(PUBLISH, sa.String(20)),
        old.c.nom,
        old.c.cle_correlation,
        old.c.variables,
        old.c.cree_le,
        old.c.tentatives,
        old.c.publie_le,
        old.c.derniere_erreur,
    )
    op.execute(sa.insert(new).from_select([*columns, "done_at", "last_error"], copy))
    op.drop_index(f"ix_{MESSAGES}_publie_le", table_name=MESSAGES)
    op.drop_table(MESSAGES)


def downgrade() -> None:
    op.create_table(
        MESSAGES,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(200), nullable=False, unique=True),
        sa.Column("nom", sa.String(100), nullable=False),
        sa.Column("cle_correlation", sa.String(200), nullable=False),
        sa.Column("variables", sa.JSON, nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("publie_le", sa.DateTime(timezone=True)),
        sa.Column("tentatives", sa.Integer, nullable=False),
        sa.Column("derniere_erreur", sa.String(200)),
    )
    op.create_index(f"ix_{MESSAGES}_publie_le", MESSAGES, ["publie_le"])
    old, new = _messages_table(), _commands_table()
    copy = sa.select(
        new.c.id,
        new.c.name,
        sa.func.coalesce(new.c.correlation_key, ""),
        new.c.variables,
        new.c.created_at,
        new.c.attempts,
        new.c.done_at,
        new.c.last_error,
    ).where(new.c.kind == PUBLISH)
    columns = ["message_id", "nom", "cle_correlation", "variables", "cree_le", "tentatives"]
    op.execute(sa.insert(old).from_select([*columns, "publie_le", "derniere_erreur"], copy))
    op.drop_table(COMMANDS)
