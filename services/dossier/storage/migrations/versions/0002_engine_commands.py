"""Engine commands in the shared outbox of plumbing (dossier_engine_commands), pending ones kept

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

# The old relay sent a message without correlation key on its dossier's id.
COPY_TO_ENGINE_COMMANDS = """
INSERT INTO dossier_engine_commands
    (id, kind, name, correlation_key, variables, created_at, attempts, not_before, done_at, instance_key)
SELECT
    id,
    CASE nature WHEN 'demarrer' THEN 'create-instance' ELSE 'publish-message' END,
    nom,
    CASE nature WHEN 'message' THEN COALESCE(cle_correlation, dossier_id) ELSE cle_correlation END,
    variables, cree_le, tentatives, bail_jusqua, executee_le, resultat
FROM dossier_commandes_moteur
"""

COPY_BACK = """
INSERT INTO dossier_commandes_moteur
    (id, dossier_id, nature, nom, cle_correlation, variables, cree_le, bail_jusqua, tentatives,
     executee_le, resultat)
SELECT
    id, :dossier_id, CASE kind WHEN 'create-instance' THEN 'demarrer' ELSE 'message' END, name,
    correlation_key, variables, created_at, not_before, attempts, done_at, instance_key
FROM dossier_engine_commands WHERE id = :id
"""


def upgrade() -> None:
    op.create_table(
        "dossier_engine_commands",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("correlation_key", sa.String(length=200), nullable=True),
        sa.Column("variables", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("instance_key", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_engine_commands", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_engine_commands_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dossier_engine_commands_done_at"), ["done_at"], unique=False)
    op.execute(COPY_TO_ENGINE_COMMANDS)
    with op.batch_alter_table("dossier_commandes_moteur", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_commandes_moteur_executee_le"))
        batch_op.drop_index(batch_op.f("ix_dossier_commandes_moteur_dossier_id"))
    op.drop_table("dossier_commandes_moteur")


def downgrade() -> None:
    op.create_table(
        "dossier_commandes_moteur",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("nature", sa.String(length=20), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("cle_correlation", sa.String(length=100), nullable=True),
        sa.Column("variables", sa.JSON(), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bail_jusqua", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tentatives", sa.Integer(), nullable=False),
        sa.Column("executee_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resultat", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier_dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_commandes_moteur", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_commandes_moteur_dossier_id"), ["dossier_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dossier_commandes_moteur_executee_le"), ["executee_le"], unique=False
        )
    connection = op.get_bind()
    commands = sa.table(
        "dossier_engine_commands",
        sa.column("id"),
        sa.column("correlation_key"),
        sa.column("variables", sa.JSON),
    )
    for row in connection.execute(sa.select(commands)).all():
        # Every dossier command names its dossier: in its variables (a start) or as its key (a message).
        dossier_id = (row.variables or {}).get("dossierId") or row.correlation_key
        connection.execute(sa.text(COPY_BACK), {"id": row.id, "dossier_id": dossier_id})
    with op.batch_alter_table("dossier_engine_commands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_engine_commands_done_at"))
        batch_op.drop_index(batch_op.f("ix_dossier_engine_commands_created_at"))
    op.drop_table("dossier_engine_commands")
