"""identity's tables: the register (with the history of addresses), accounts, link tokens, sessions, guess counters, outbox."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
)

from plumbing.database import UtcDateTime
from plumbing.outbox import outbox_table

metadata = MetaData()

personnes = Table(
    "identity_personnes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("numero_etranger", String(10), unique=True),
    Column("nom_naissance", String(100), nullable=False),
    Column("nom_usage", String(100)),
    Column("prenoms", String(200), nullable=False),
    Column("sexe", String(1), nullable=False),
    Column("date_naissance", Date, nullable=False),
    Column("pays_naissance", String(100), nullable=False),
    Column("lieu_naissance", String(100), nullable=False),
    Column("nationalite", String(100), nullable=False),
    Column("emancipe", Boolean, nullable=False, default=False),
    Column("numero_voie", String(20)),
    Column("voie", String(200), nullable=False),
    Column("complement", String(200)),
    Column("code_postal", String(5), nullable=False),
    Column("ville", String(100), nullable=False),
    Column("pays", String(100), nullable=False),
    Column("code_insee", String(5)),
)

titres = Table(
    "identity_titres",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("personne_id", String(36), ForeignKey("identity_personnes.id"), nullable=False, index=True),
    Column("numero", String(20), nullable=False, unique=True),
    Column("nature", String(20), nullable=False),
    Column("type", String(200), nullable=False),
    Column("mention", String(100), nullable=False),
    Column("date_debut", Date, nullable=False),
    Column("date_fin", Date, nullable=False),
    Column("dossier_id", String(64), unique=True),  # set when issued by this platform's process
)

changements_adresse = Table(
    "identity_changements_adresse",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("personne_id", String(36), ForeignKey("identity_personnes.id"), nullable=False, index=True),
    Column("declare_le", UtcDateTime(), nullable=False),
    Column("declare_par", String(36), nullable=False),
    Column("ancienne", JSON, nullable=False),
    Column("nouvelle", JSON, nullable=False),
    Column("justificatif_dossier_id", String(64), nullable=False),
    Column("justificatif_fichier_id", String(64), nullable=False),
)

comptes = Table(
    "identity_comptes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("personne_id", String(36), ForeignKey("identity_personnes.id"), nullable=False, unique=True),
    Column("courriel", String(254), nullable=False, index=True),
    Column("etat", String(20), nullable=False),
    Column("mot_de_passe", String(200)),
    Column("courriel_confirme_le", UtcDateTime()),
    Column("cree_le", UtcDateTime(), nullable=False),
)

agents = Table(
    "identity_agents",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("identifiant", String(100), nullable=False, unique=True),
    Column("nom", String(100), nullable=False),
    Column("prenom", String(100), nullable=False),
    Column("mot_de_passe", String(200), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("prefectures", JSON, nullable=False),
    Column("actif", Boolean, nullable=False, default=True),
)

jetons = Table(
    "identity_jetons",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("empreinte", String(64), nullable=False, unique=True),
    Column("compte_id", String(36), ForeignKey("identity_comptes.id"), nullable=False, index=True),
    Column("usage", String(40), nullable=False),
    Column("cree_le", UtcDateTime(), nullable=False),
    Column("expire_le", UtcDateTime(), nullable=False),
    Column("utilise_le", UtcDateTime()),
)

sessions = Table(
    "identity_sessions",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("empreinte", String(64), nullable=False, unique=True),
    Column("titulaire", String(20), nullable=False),
    Column("titulaire_id", String(36), nullable=False, index=True),
    Column("ouverte_le", UtcDateTime(), nullable=False),
    Column("derniere_activite_le", UtcDateTime(), nullable=False),
    Column("expire_le", UtcDateTime(), nullable=False),
    Column("revoquee_le", UtcDateTime()),
)

tentatives = Table(
    "identity_tentatives",
    metadata,
    Column("cle", String(64), primary_key=True),
    Column("echecs", Integer, nullable=False),
    Column("debut_fenetre", UtcDateTime(), nullable=False),
    Column("bloque_jusqu_au", UtcDateTime()),
)

outbox = outbox_table(metadata, "identity")
