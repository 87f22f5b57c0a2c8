"""No housing question: the column goes, complement rounds name the one home proof

Revision ID: 0003
Revises: 0002

The guide never asks where the applicant lives at step 3: the home proof is one piece with three
lists of accepted documents. A round that asked for one of the two removed variants now asks for
that piece (once, with the agent's first observation and the applicant's answer, if any).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DOMICILE = "justificatif-domicile"
ANCIENS = ("justificatif-domicile-hotel", "justificatif-domicile-particulier")


def upgrade() -> None:
    connection = op.get_bind()
    rondes = sa.table(
        "dossier_rondes_complements",
        sa.column("dossier_id", sa.String),
        sa.column("numero", sa.Integer),
        sa.column("pieces", sa.JSON),
    )
    for dossier_id, numero, pieces in connection.execute(sa.select(rondes)).all():
        if not any(p.get("piece") in ANCIENS for p in pieces or []):
            continue
        par_code: dict[str, dict[str, object]] = {}
        for piece in pieces:
            code = DOMICILE if piece.get("piece") in ANCIENS else piece.get("piece")
            par_code.setdefault(code, {**piece, "piece": code})
        connection.execute(
            sa.update(rondes)
            .where(rondes.c.dossier_id == dossier_id, rondes.c.numero == numero)
            .values(pieces=list(par_code.values()))
        )
    # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later) rather than a copy of the table: its
    # children (history, rounds) reference it, and SQLite's foreign keys forbid dropping it.
    with op.batch_alter_table("dossier_dossiers", recreate="never") as batch_op:
        batch_op.drop_column("hebergement")


def downgrade() -> None:
    with op.batch_alter_table("dossier_dossiers") as batch_op:
        batch_op.add_column(sa.Column("hebergement", sa.String(length=20), nullable=True))
