"""notifier's tables: notifications, e-mails sent and dead letters, and the two outboxes.

The NATS outbox carries events and queued e-mails; the engine-command outbox carries the
`notification-lue` messages, written in the transaction that decided them.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, Integer, MetaData, String, Table, Text

from plumbing.database import UtcDateTime
from plumbing.engine_outbox import engine_commands_table
from plumbing.outbox import outbox_table

metadata = MetaData()

notifications = Table(
    "notifier_notifications",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("job_key", String(40), unique=True),  # the engine job that created it (idempotence)
    Column("demandeur_id", String(64), nullable=False),
    Column("dossier_id", String(64)),
    Column("numero_demande", String(32)),
    Column("prefecture", String(64)),
    Column("modele", String(64), nullable=False),
    Column("titre", String(200), nullable=False),
    Column("contenu", JSON, nullable=False),
    Column("pieces_jointes", JSON, nullable=False),
    Column("cree_le", UtcDateTime(), nullable=False),
    Column("lue_le", UtcDateTime()),
    Column("repondue_le", UtcDateTime()),
    Index("ix_notifier_notifications_demandeur", "demandeur_id", "cree_le"),
)

courriels_envoyes = Table(
    "notifier_courriels_envoyes",
    metadata,
    Column("idempotence", String(200), primary_key=True),
    Column("modele", String(64), nullable=False),
    Column("envoye_le", UtcDateTime(), nullable=False),
)

courriels_en_echec = Table(
    "notifier_courriels_en_echec",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotence", String(200), nullable=False, index=True),
    Column("modele", String(64), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("demande", Text, nullable=False),  # the raw request, to replay it
    Column("erreur", String(500), nullable=False),
    Column("livraisons", Integer, nullable=False),
    Column("cree_le", UtcDateTime(), nullable=False),
    Column("rejoue_le", UtcDateTime()),
)

outbox = outbox_table(metadata, "notifier")
engine_commands = engine_commands_table(metadata, "notifier")
