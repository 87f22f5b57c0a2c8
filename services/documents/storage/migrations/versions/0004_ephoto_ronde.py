"""The complement round whose answer changed the e-photo number (« Mettre à jour le Document »)

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
    with op.batch_alter_table("documents_dossiers") as batch_op:
        batch_op.add_column(sa.Column("ephoto_ronde", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents_dossiers") as batch_op:
        batch_op.drop_column("ephoto_ronde")
