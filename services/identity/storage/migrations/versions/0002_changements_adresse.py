"""History of the applicant's address (« Je déclare un changement de situation »)

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


def upgrade() -> None:
    op.create_table(
        "identity_changements_adresse",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("personne_id", sa.String(length=36), nullable=False),
        sa.Column("declare_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("declare_par", sa.String(length=36), nullable=False),
        sa.Column("ancienne", sa.JSON(), nullable=False),
        sa.Column("nouvelle", sa.JSON(), nullable=False),
        sa.Column("justificatif_dossier_id", sa.String(length=64), nullable=False),
        sa.Column("justificatif_fichier_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["personne_id"], ["identity_personnes.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("identity_changements_adresse", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_identity_changements_adresse_personne_id"), ["personne_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("identity_changements_adresse", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_changements_adresse_personne_id"))
    op.drop_table("identity_changements_adresse")
