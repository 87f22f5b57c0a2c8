"""Dossier schema: dossiers, status history, complement rounds, numbering, engine commands, outbox

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
        "dossier_dossiers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("demandeur_id", sa.String(length=64), nullable=False),
        sa.Column("demandeur_en_cours", sa.String(length=64), nullable=True),
        sa.Column("statut", sa.String(length=32), nullable=False),
        sa.Column("cas", sa.String(length=20), nullable=True),
        sa.Column("prefecture", sa.String(length=3), nullable=False),
        sa.Column("numero_demande", sa.String(length=24), nullable=True),
        sa.Column("date_depot", sa.Date(), nullable=True),
        sa.Column("depose_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("desistement_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("derniere_etape", sa.Integer(), nullable=False),
        sa.Column("etat_civil", sa.JSON(), nullable=False),
        sa.Column("numero_etranger", sa.String(length=20), nullable=True),
        sa.Column("courriel", sa.String(length=254), nullable=False),
        sa.Column("titre_en_cours", sa.JSON(), nullable=False),
        sa.Column("adresse", sa.JSON(), nullable=False),
        sa.Column("mineur_emancipe", sa.Boolean(), nullable=False),
        sa.Column("telephone", sa.String(length=20), nullable=True),
        sa.Column("motif_sejour", sa.JSON(), nullable=True),
        sa.Column("hebergement", sa.String(length=20), nullable=True),
        sa.Column("observations", sa.Text(), nullable=True),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("motif_decision", sa.Text(), nullable=True),
        sa.Column("decide_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("alertes", sa.JSON(), nullable=False),
        sa.Column("process_instance_key", sa.BigInteger(), nullable=True),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modifie_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("demandeur_en_cours"),
        sa.UniqueConstraint("numero_demande"),
    )
    with op.batch_alter_table("dossier_dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_dossiers_demandeur_id"), ["demandeur_id"], unique=False)
        batch_op.create_index("ix_dossiers_prefecture_statut", ["prefecture", "statut"], unique=False)

    op.create_table(
        "dossier_jobs_traites",
        sa.Column("job_key", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("resultat", sa.JSON(), nullable=False),
        sa.Column("traite_le", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("job_key"),
    )
    op.create_table(
        "dossier_sequences_numero",
        sa.Column("cle", sa.String(length=16), nullable=False),
        sa.Column("dernier", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("cle"),
    )
    op.create_table(
        "dossier_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("correlation_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_outbox_sent_at"), ["sent_at"], unique=False)

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
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier_dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_commandes_moteur", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_commandes_moteur_dossier_id"), ["dossier_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dossier_commandes_moteur_executee_le"), ["executee_le"], unique=False
        )

    op.create_table(
        "dossier_historique_statuts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("statut", sa.String(length=32), nullable=False),
        sa.Column("date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("motif", sa.Text(), nullable=True),
        sa.Column("origine", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier_dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_historique_statuts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_historique_statuts_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "dossier_rondes_complements",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("numero", sa.Integer(), nullable=False),
        sa.Column("ouverte_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("envoyee_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pieces", sa.JSON(), nullable=False),
        sa.Column("origine", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier_dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("dossier_id", "numero"),
    )


def downgrade() -> None:
    op.drop_table("dossier_rondes_complements")
    with op.batch_alter_table("dossier_historique_statuts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_historique_statuts_dossier_id"))

    op.drop_table("dossier_historique_statuts")
    with op.batch_alter_table("dossier_commandes_moteur", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_commandes_moteur_executee_le"))
        batch_op.drop_index(batch_op.f("ix_dossier_commandes_moteur_dossier_id"))

    op.drop_table("dossier_commandes_moteur")
    with op.batch_alter_table("dossier_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_outbox_sent_at"))

    op.drop_table("dossier_outbox")
    op.drop_table("dossier_sequences_numero")
    op.drop_table("dossier_jobs_traites")
    with op.batch_alter_table("dossier_dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_prefecture_statut")
        batch_op.drop_index(batch_op.f("ix_dossier_dossiers_demandeur_id"))

    op.drop_table("dossier_dossiers")
