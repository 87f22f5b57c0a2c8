"""The agents' audit trail: dossier_actions_agents

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_actions_agents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("agent_id", sa.String(length=64), nullable=False),
        sa.Column("agent_nom", sa.String(length=200), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("tache", sa.String(length=200), nullable=True),
        sa.Column("resultat", sa.String(length=500), nullable=True),
        sa.Column("date", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier_dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_actions_agents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_actions_agents_dossier_id"), ["dossier_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dossier_actions_agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_actions_agents_dossier_id"))
    op.drop_table("dossier_actions_agents")
