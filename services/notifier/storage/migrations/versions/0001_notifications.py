"""Notifications, engine messages, e-mails sent and given up, outbox.

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
        "notifier_notifications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("job_key", sa.String(40), unique=True),
        sa.Column("demandeur_id", sa.String(64), nullable=False),
        sa.Column("dossier_id", sa.String(64)),
        sa.Column("numero_demande", sa.String(32)),
        sa.Column("prefecture", sa.String(64)),
        sa.Column("modele", sa.String(64), nullable=False),
        sa.Column("titre", sa.String(200), nullable=False),
        sa.Column("contenu", sa.JSON, nullable=False),
        sa.Column("pieces_jointes", sa.JSON, nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lue_le", sa.DateTime(timezone=True)),
        sa.Column("repondue_le", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_notifier_notifications_demandeur", "notifier_notifications", ["demandeur_id", "cree_le"]
    )
    op.create_table(
        "notifier_messages_moteur",
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
    op.create_index("ix_notifier_messages_moteur_publie_le", "notifier_messages_moteur", ["publie_le"])
    op.create_table(
        "notifier_courriels_envoyes",
        sa.Column("idempotence", sa.String(200), primary_key=True),
        sa.Column("modele", sa.String(64), nullable=False),
        sa.Column("envoye_le", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "notifier_courriels_en_echec",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("idempotence", sa.String(200), nullable=False),
        sa.Column("modele", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("demande", sa.Text, nullable=False),
        sa.Column("erreur", sa.String(500), nullable=False),
        sa.Column("livraisons", sa.Integer, nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rejoue_le", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_notifier_courriels_en_echec_idempotence", "notifier_courriels_en_echec", ["idempotence"]
    )
    op.create_table(
        "notifier_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("correlation_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_notifier_outbox_sent_at", "notifier_outbox", ["sent_at"])


def downgrade() -> None:
    for table in (
        "notifier_outbox",
        "notifier_courriels_en_echec",
        "notifier_courriels_envoyes",
        "notifier_messages_moteur",
        "notifier_notifications",
    ):
        op.drop_table(table)
