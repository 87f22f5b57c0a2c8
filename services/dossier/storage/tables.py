"""The dossier service's tables (one MetaData, migrated by storage/migrations)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from plumbing.database import UtcDateTime
from plumbing.engine_outbox import engine_commands_table
from plumbing.outbox import outbox_table

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "dossier_alembic_version"

metadata = MetaData()
outbox = outbox_table(metadata, "dossier")
# Process start of a deposit, `complements-deposes` and `desistement` messages (EngineCommandRelay).
engine_commands = engine_commands_table(metadata, "dossier")

dossiers = Table(
    "dossier_dossiers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("demandeur_id", String(64), nullable=False, index=True),
    # = demandeur_id while the dossier is in progress: one application in progress per applicant
    Column("demandeur_en_cours", String(64), unique=True),
    Column("statut", String(32), nullable=False),
    Column("cas", String(20)),
    Column("prefecture", String(3), nullable=False),
    Column("numero_demande", String(24), unique=True),
    Column("date_depot", Date),
    Column("depose_le", UtcDateTime()),
    Column("desistement_le", UtcDateTime()),
    Column("derniere_etape", Integer, nullable=False, default=0),
    Column("etat_civil", JSON, nullable=False),
    Column("numero_etranger", String(20)),
    Column("courriel", String(254), nullable=False),
    Column("titre_en_cours", JSON, nullable=False),
    Column("adresse", JSON, nullable=False),
    Column("mineur_emancipe", Boolean, nullable=False, default=False),
    Column("telephone", String(20)),
    Column("motif_sejour", JSON),
    Column("observations", Text),
    Column("decision", String(20)),
    Column("motif_decision", Text),
    Column("decide_le", UtcDateTime()),
    Column("alertes", JSON, nullable=False),
    Column("process_instance_key", BigInteger),
    Column("cree_le", UtcDateTime(), nullable=False),
    Column("modifie_le", UtcDateTime(), nullable=False),
    Column("version", Integer, nullable=False, default=0),
    Index("ix_dossiers_prefecture_statut", "prefecture", "statut"),
)

historique_statuts = Table(
    "dossier_historique_statuts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", String(36), ForeignKey("dossier_dossiers.id"), nullable=False, index=True),
    Column("statut", String(32), nullable=False),
    Column("date", UtcDateTime(), nullable=False),
    Column("motif", Text),
    Column("origine", String(64)),
)

rondes_complements = Table(
    "dossier_rondes_complements",
    metadata,
    Column("dossier_id", String(36), ForeignKey("dossier_dossiers.id"), primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("ouverte_le", UtcDateTime(), nullable=False),
    Column("envoyee_le", UtcDateTime()),
    Column("pieces", JSON, nullable=False),
    Column("origine", String(64)),
)

# The agents' audit trail: who (agent id, name as shown), what, on which task, when.
actions_agents = Table(
    "dossier_actions_agents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", String(36), ForeignKey("dossier_dossiers.id"), nullable=False, index=True),
    Column("agent_id", String(64), nullable=False),
    Column("agent_nom", String(200)),
    Column("action", String(32), nullable=False),
    Column("tache", String(200)),
    Column("resultat", String(500)),
    Column("date", UtcDateTime(), nullable=False),
)

sequences_numero = Table(
    "dossier_sequences_numero",
    metadata,
    Column("cle", String(16), primary_key=True),  # département + guichet + YYYYMMDD
    Column("dernier", Integer, nullable=False),
)

# A job already handled answers what it answered the first time (jobs arrive at least once).
jobs_traites = Table(
    "dossier_jobs_traites",
    metadata,
    Column("job_key", String(32), primary_key=True),
    Column("type", String(64), nullable=False),
    Column("dossier_id", String(36), nullable=False),
    Column("resultat", JSON, nullable=False),
    Column("traite_le", UtcDateTime(), nullable=False),
)
