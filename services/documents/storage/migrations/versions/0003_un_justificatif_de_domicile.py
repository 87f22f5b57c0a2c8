"""The home proof is one piece: files and open complement rounds of the two removed codes move to it

Revision ID: 0003
Revises: 0002

The guide has one piece « Justificatif de domicile datant de moins de 6 mois » with three lists of
accepted documents; the hotel and private-host variants were pieces of their own. Their files keep
their versions and rounds under the one piece. The downgrade leaves them there: the old code knew
that piece too.
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
    fichiers = sa.table("documents_fichiers", sa.column("piece", sa.String))
    connection.execute(sa.update(fichiers).where(fichiers.c.piece.in_(ANCIENS)).values(piece=DOMICILE))
    dossiers = sa.table(
        "documents_dossiers", sa.column("dossier_id", sa.String), sa.column("pieces_ronde", sa.JSON)
    )
    for dossier_id, pieces in connection.execute(
        sa.select(dossiers.c.dossier_id, dossiers.c.pieces_ronde)
    ).all():
        if not any(p in ANCIENS for p in pieces or []):
            continue
        nouvelles = list(dict.fromkeys(DOMICILE if p in ANCIENS else p for p in pieces))
        connection.execute(
            sa.update(dossiers).where(dossiers.c.dossier_id == dossier_id).values(pieces_ronde=nouvelles)
        )


def downgrade() -> None:
    pass
