"""Identity schema: register, accounts, tokens, sessions, counters, outbox

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
        "identity_agents",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("identifiant", sa.String(length=100), nullable=False),
        sa.Column("nom", sa.String(length=100), nullable=False),
        sa.Column("prenom", sa.String(length=100), nullable=False),
        sa.Column("mot_de_passe", sa.String(length=200), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("prefectures", sa.JSON(), nullable=False),
        sa.Column("actif", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("identifiant"),
    )
    op.create_table(
        "identity_personnes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("numero_etranger", sa.String(length=10), nullable=True),
        sa.Column("nom_naissance", sa.String(length=100), nullable=False),
        sa.Column("nom_usage", sa.String(length=100), nullable=True),
        sa.Column("prenoms", sa.String(length=200), nullable=False),
        sa.Column("sexe", sa.String(length=1), nullable=False),
        sa.Column("date_naissance", sa.Date(), nullable=False),
        sa.Column("pays_naissance", sa.String(length=100), nullable=False),
        sa.Column("lieu_naissance", sa.String(length=100), nullable=False),
        sa.Column("nationalite", sa.String(length=100), nullable=False),
        sa.Column("emancipe", sa.Boolean(), nullable=False),
        sa.Column("numero_voie", sa.String(length=20), nullable=True),
        sa.Column("voie", sa.String(length=200), nullable=False),
        sa.Column("complement", sa.String(length=200), nullable=True),
        sa.Column("code_postal", sa.String(length=5), nullable=False),
        sa.Column("ville", sa.String(length=100), nullable=False),
        sa.Column("pays", sa.String(length=100), nullable=False),
        sa.Column("code_insee", sa.String(length=5), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("numero_etranger"),
    )
    op.create_table(
        "identity_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("empreinte", sa.String(length=64), nullable=False),
        sa.Column("titulaire", sa.String(length=20), nullable=False),
        sa.Column("titulaire_id", sa.String(length=36), nullable=False),
        sa.Column("ouverte_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("derniere_activite_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expire_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoquee_le", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("empreinte"),
    )
    with op.batch_alter_table("identity_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_sessions_titulaire_id"), ["titulaire_id"], unique=False)

    op.create_table(
        "identity_tentatives",
        sa.Column("cle", sa.String(length=64), nullable=False),
        sa.Column("echecs", sa.Integer(), nullable=False),
        sa.Column("debut_fenetre", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bloque_jusqu_au", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("cle"),
    )
    op.create_table(
        "identity_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("correlation_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("identity_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_outbox_sent_at"), ["sent_at"], unique=False)

    op.create_table(
        "identity_comptes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("personne_id", sa.String(length=36), nullable=False),
        sa.Column("courriel", sa.String(length=254), nullable=False),
        sa.Column("etat", sa.String(length=20), nullable=False),
        sa.Column("mot_de_passe", sa.String(length=200), nullable=True),
        sa.Column("courriel_confirme_le", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["personne_id"],
            ["identity_personnes.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("personne_id"),
    )
    with op.batch_alter_table("identity_comptes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_comptes_courriel"), ["courriel"], unique=False)

    op.create_table(
        "identity_titres",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("personne_id", sa.String(length=36), nullable=False),
        sa.Column("numero", sa.String(length=20), nullable=False),
        sa.Column("nature", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("mention", sa.String(length=100), nullable=False),
        sa.Column("date_debut", sa.Date(), nullable=False),
        sa.Column("date_fin", sa.Date(), nullable=False),
        sa.Column("dossier_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["personne_id"],
            ["identity_personnes.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id"),
        sa.UniqueConstraint("numero"),
    )
    with op.batch_alter_table("identity_titres", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_titres_personne_id"), ["personne_id"], unique=False)

    op.create_table(
        "identity_jetons",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("empreinte", sa.String(length=64), nullable=False),
        sa.Column("compte_id", sa.String(length=36), nullable=False),
        sa.Column("usage", sa.String(length=40), nullable=False),
        sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expire_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utilise_le", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["compte_id"],
            ["identity_comptes.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("empreinte"),
    )
    with op.batch_alter_table("identity_jetons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_identity_jetons_compte_id"), ["compte_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("identity_jetons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_jetons_compte_id"))

    op.drop_table("identity_jetons")
    with op.batch_alter_table("identity_titres", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_titres_personne_id"))

    op.drop_table("identity_titres")
    with op.batch_alter_table("identity_comptes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_comptes_courriel"))

    op.drop_table("identity_comptes")
    with op.batch_alter_table("identity_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_outbox_sent_at"))

    op.drop_table("identity_outbox")
    op.drop_table("identity_tentatives")
    with op.batch_alter_table("identity_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identity_sessions_titulaire_id"))

    op.drop_table("identity_sessions")
    op.drop_table("identity_personnes")
    op.drop_table("identity_agents")
