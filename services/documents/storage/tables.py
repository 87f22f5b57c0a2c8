"""The documents service's tables (one MetaData, migrated by Alembic)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

from plumbing.database import UtcDateTime
from plumbing.outbox import outbox_table

metadata = MetaData()

dossiers = Table(
    "documents_dossiers",
    metadata,
    Column("dossier_id", String(64), primary_key=True),
    Column("demandeur_id", String(64), nullable=False),
    Column("prefecture", String(16)),
    Column("cree_le", UtcDateTime(), nullable=False),
    Column("scelle_le", UtcDateTime()),
    Column("ronde_ouverte", Integer),
    Column("pieces_ronde", JSON, nullable=False),
    Column("rondes_closes", Integer, nullable=False, server_default="0"),
    Column("numero_ephoto", String(22)),
    Column("ephoto_ronde", Integer),
)

fichiers = Table(
    "documents_fichiers",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("dossier_id", String(64), ForeignKey("documents_dossiers.dossier_id"), nullable=False),
    Column("piece", String(64), nullable=False),
    Column("nom_fichier", String(255), nullable=False),
    Column("type_media", String(64), nullable=False),
    Column("taille", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("ronde", Integer, nullable=False),
    Column("depose_le", UtcDateTime(), nullable=False),
    Column("scelle_le", UtcDateTime()),
    Column("remplace_le", UtcDateTime()),
    Index("ix_documents_fichiers_dossier_piece", "dossier_id", "piece"),
)

documents_generes = Table(
    "documents_generes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("dossier_id", String(64), nullable=False, index=True),
    Column("modele", String(64), nullable=False),
    Column("idempotence", String(200), nullable=False),
    Column("nom_fichier", String(255), nullable=False),
    Column("type_media", String(64), nullable=False),
    Column("taille", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("cree_le", UtcDateTime(), nullable=False),
    UniqueConstraint("dossier_id", "modele", "idempotence", name="uq_documents_generes_idempotence"),
)

outbox = outbox_table(metadata, "documents")
