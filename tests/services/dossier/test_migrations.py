"""Migration 0002: the engine commands move to plumbing's outbox table, pending ones still sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData, Table, insert, inspect, select

from plumbing.database import create_database_engine, create_session_factory
from plumbing.engine_outbox import EngineCommandRelay
from services.dossier.storage.repositories import premiere_instance_liee
from services.dossier.storage.tables import MIGRATIONS, VERSION_TABLE, engine_commands, rondes_complements
from tests.services.dossier.factices import MoteurFactice

pytestmark = pytest.mark.integration
CREE_LE = datetime(2023, 8, 18, 9, 30, tzinfo=UTC)


def migrer(url: str, revision: str, sens: Callable[[Config, str], None] = command.upgrade) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["version_table"] = VERSION_TABLE
    sens(config, revision)


@pytest.fixture
def base(database_url: str) -> Iterator[Engine]:
    migrer(database_url, "0001")
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


DOSSIER_0002 = {
    "id": "d-1",
    "demandeur_id": "demandeur-sept",
    "statut": "deposee",
    "prefecture": "59",
    "derniere_etape": 4,
    "etat_civil": {},
    "courriel": "sept@yopmail.com",
    "titre_en_cours": {},
    "adresse": {},
    "mineur_emancipe": False,
    "alertes": [],
    "cree_le": CREE_LE,
    "modifie_le": CREE_LE,
    "version": 1,
}


def inserer_avant_0002(engine: Engine) -> None:
    """A deposited dossier with a start the old relay never sent, and a message it sent."""
    anciennes = MetaData()
    dossiers = Table("dossier_dossiers", anciennes, autoload_with=engine)
    commandes = Table("dossier_commandes_moteur", anciennes, autoload_with=engine)
    commun = {"dossier_id": "d-1", "cle_correlation": None, "cree_le": CREE_LE, "resultat": None}
    with engine.begin() as connection:
        connection.execute(
            insert(dossiers).values(
                id="d-1",
                demandeur_id="demandeur-sept",
                statut="deposee",
                prefecture="59",
                derniere_etape=4,
                etat_civil={},
                courriel="sept@yopmail.com",
                titre_en_cours={},
                adresse={},
                mineur_emancipe=False,
                alertes=[],
                cree_le=CREE_LE,
                modifie_le=CREE_LE,
                version=1,
            )
        )
        connection.execute(
            insert(commandes),
            [
                {
                    "id": "demarrer-d-1",
                    "nature": "demarrer",
                    "nom": "renouvellement",
                    "tentatives": 0,
                    "variables": {"dossierId": "d-1"},
                    "executee_le": None,
                    **commun,
                },
                {
                    "id": "desistement-d-1",
                    "nature": "message",
                    "nom": "desistement",
                    "tentatives": 1,
                    "variables": {},
                    "executee_le": CREE_LE,
                    **commun,
                },
            ],
        )


async def test_pending_engine_commands_survive_the_move_and_are_sent(database_url: str, base: Engine) -> None:
    inserer_avant_0002(base)
    migrer(database_url, "head")
    with base.connect() as connection:
        lignes = {row.id: row for row in connection.execute(select(engine_commands))}
        tables = set(connection.dialect.get_table_names(connection))
    assert "dossier_commandes_moteur" not in tables
    demarrage, message = lignes["demarrer-d-1"], lignes["desistement-d-1"]
    assert (demarrage.kind, demarrage.name, demarrage.variables) == (
        "create-instance",
        "renouvellement",
        {"dossierId": "d-1"},
    )
    assert demarrage.done_at is None and demarrage.attempts == 0 and demarrage.created_at == CREE_LE
    assert (message.kind, message.correlation_key, message.attempts) == ("publish-message", "d-1", 1)
    assert message.done_at == CREE_LE

    moteur = MoteurFactice()
    relais = EngineCommandRelay(
        engine_commands, create_session_factory(base), moteur, on_instance_created=premiere_instance_liee
    )
    assert await relais.send_pending() == 1
    assert moteur.demarrages == [("renouvellement", {"dossierId": "d-1"})] and moteur.messages == []


def test_a_downgrade_puts_the_commands_back(database_url: str, base: Engine) -> None:
    inserer_avant_0002(base)
    migrer(database_url, "head")
    migrer(database_url, "0001", command.downgrade)
    commandes = Table("dossier_commandes_moteur", MetaData(), autoload_with=base)
    with base.connect() as connection:
        lignes = connection.execute(select(commandes).order_by(commandes.c.id)).all()
    assert [(r.id, r.dossier_id, r.nature, r.cle_correlation) for r in lignes] == [
        ("demarrer-d-1", "d-1", "demarrer", None),
        ("desistement-d-1", "d-1", "message", "d-1"),
    ]


def test_0003_sans_hebergement_les_rondes_nomment_le_justificatif_du_guide(database_url: str) -> None:
    migrer(database_url, "0002")
    engine = create_database_engine(database_url)
    anciennes = MetaData()
    dossiers = Table("dossier_dossiers", anciennes, autoload_with=engine)
    rondes = Table("dossier_rondes_complements", anciennes, autoload_with=engine)
    historique = Table("dossier_historique_statuts", anciennes, autoload_with=engine)
    hotel = {"piece": "justificatif-domicile-hotel", "observation": "Illisible.", "libelle": "Justificatif"}
    particulier = {
        "piece": "justificatif-domicile-particulier",
        "observation": "Daté.",
        "libelle": "Justificatif",
    }
    nationalite = {"piece": "justificatif-nationalite", "observation": "Passeport.", "libelle": "Nationalité"}
    with engine.begin() as connection:
        connection.execute(insert(dossiers).values(**DOSSIER_0002, hebergement="hotel"))
        connection.execute(insert(historique).values(dossier_id="d-1", statut="deposee", date=CREE_LE))
        connection.execute(
            insert(rondes),
            [
                {
                    "dossier_id": "d-1",
                    "numero": 1,
                    "ouverte_le": CREE_LE,
                    "pieces": [hotel, particulier, nationalite],
                },
                {"dossier_id": "d-1", "numero": 2, "ouverte_le": CREE_LE, "pieces": [nationalite]},
            ],
        )
    migrer(database_url, "head")
    with engine.connect() as connection:
        colonnes = {c["name"] for c in inspect(connection).get_columns("dossier_dossiers")}
        lues = {r.numero: r.pieces for r in connection.execute(select(rondes_complements))}
        restes = connection.execute(select(historique)).all()
    assert "hebergement" not in colonnes
    assert lues == {
        1: [{**hotel, "piece": "justificatif-domicile"}, nationalite],  # once, the agent's first observation
        2: [nationalite],
    }
    assert len(restes) == 1  # the table was rebuilt under its children without losing them
    migrer(database_url, "0002", command.downgrade)
    with engine.connect() as connection:
        assert "hebergement" in {c["name"] for c in inspect(connection).get_columns("dossier_dossiers")}
    engine.dispose()
