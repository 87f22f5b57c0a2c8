"""notifier's tables: notifications, the engine messages they owe, e-mails sent and dead letters."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, Integer, MetaData, String, Table, Text

from plumbing.database import UtcDateTime
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

# A message owed to the engine, written in the transaction that decided it and published by a
# background loop until the engine acknowledges it: nothing is lost, nothing is sent twice.
messages_moteur = Table(
    "notifier_messages_moteur",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", String(200), nullable=False, unique=True),
    Column("nom", String(100), nullable=False),
    Column("cle_correlation", String(200), nullable=False),
    Column("variables", JSON, nullable=False),
    Column("cree_le", UtcDateTime(), nullable=False),
    Column("publie_le", UtcDateTime(), index=True),
    Column("tentatives", Integer, nullable=False, default=0),
    Column("derniere_erreur", String(200)),
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
