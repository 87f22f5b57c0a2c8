"""Remember the last complement round closed, so that a late repeat does not reopen it

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
    with op.batch_alter_table("documents_dossiers") as batch_op:
        batch_op.add_column(sa.Column("rondes_closes", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("documents_dossiers") as batch_op:
        batch_op.drop_column("rondes_closes")
