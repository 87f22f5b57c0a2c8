"""Documents schema: dossiers, files of pieces, generated documents, outbox

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents_dossiers",
        sa.Column("dossier_id", sa.String(length=64), nullable=False),
        sa.Column("demandeur_id", sa.String(length=64), nullable=False),
        sa.Column("prefecture", sa.String(length=16), nullable=True),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scelle_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ronde_ouverte", sa.Integer(), nullable=True),
        sa.Column("pieces_ronde", sa.JSON(), nullable=False),
        sa.Column("numero_ephoto", sa.String(length=22), nullable=True),
        sa.PrimaryKeyConstraint("dossier_id"),
    )
    op.create_table(
        "documents_generes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("dossier_id", sa.String(length=64), nullable=False),
        sa.Column("modele", sa.String(length=64), nullable=False),
        sa.Column("idempotence", sa.String(length=200), nullable=False),
        sa.Column("nom_fichier", sa.String(length=255), nullable=False),
        sa.Column("type_media", sa.String(length=64), nullable=False),
        sa.Column("taille", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "modele", "idempotence", name="uq_documents_generes_idempotence"),
    )
    with op.batch_alter_table("documents_generes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_generes_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_generes_sha256"), ["sha256"], unique=False)

    op.create_table(
        "documents_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("correlation_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("documents_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_outbox_sent_at"), ["sent_at"], unique=False)

    op.create_table(
        "documents_fichiers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("dossier_id", sa.String(length=64), nullable=False),
        sa.Column("piece", sa.String(length=64), nullable=False),
        sa.Column("nom_fichier", sa.String(length=255), nullable=False),
        sa.Column("type_media", sa.String(length=64), nullable=False),
        sa.Column("taille", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("ronde", sa.Integer(), nullable=False),
        sa.Column("depose_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scelle_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("remplace_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["documents_dossiers.dossier_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("documents_fichiers", schema=None) as batch_op:
        batch_op.create_index("ix_documents_fichiers_dossier_piece", ["dossier_id", "piece"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_fichiers_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents_fichiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_fichiers_sha256"))
        batch_op.drop_index("ix_documents_fichiers_dossier_piece")

    op.drop_table("documents_fichiers")
    with op.batch_alter_table("documents_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_outbox_sent_at"))

    op.drop_table("documents_outbox")
    with op.batch_alter_table("documents_generes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_generes_sha256"))
        batch_op.drop_index(batch_op.f("ix_documents_generes_dossier_id"))

    op.drop_table("documents_generes")
    op.drop_table("documents_dossiers")
