"""Migration 0003: the home proof's two removed variants become the one piece of the guide."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData, Table, insert, select

from plumbing.database import create_database_engine
from services.documents.storage.tables import dossiers, fichiers
from services.documents.wiring import MIGRATIONS, VERSION_TABLE

pytestmark = pytest.mark.integration
LE = datetime(2023, 8, 18, 9, 30, tzinfo=UTC)


def migrer(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["version_table"] = VERSION_TABLE
    command.upgrade(config, revision)


@pytest.fixture
def base(database_url: str) -> Iterator[Engine]:
    migrer(database_url, "0002")
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def inserer_avant_0003(engine: Engine) -> None:
    """A dossier in a complement round on the hotel variant, with files of the three variants."""
    anciennes = MetaData()
    dossiers_0002 = Table("documents_dossiers", anciennes, autoload_with=engine)
    fichiers_0002 = Table("documents_fichiers", anciennes, autoload_with=engine)
    commun = {"type_media": "image/png", "taille": 10, "sha256": "0" * 64, "depose_le": LE}
    with engine.begin() as connection:
        connection.execute(
            insert(dossiers_0002),
            [
                {
                    "dossier_id": "d-1",
                    "demandeur_id": "demandeur-1",
                    "cree_le": LE,
                    "ronde_ouverte": 1,
                    "pieces_ronde": ["justificatif-domicile-hotel", "justificatif-nationalite"],
                },
                {
                    "dossier_id": "d-2",
                    "demandeur_id": "demandeur-2",
                    "cree_le": LE,
                    "ronde_ouverte": None,
                    "pieces_ronde": [],
                },
            ],
        )
        connection.execute(
            insert(fichiers_0002),
            [
                {
                    "id": "f-1",
                    "dossier_id": "d-1",
                    "piece": "justificatif-domicile-hotel",
                    "nom_fichier": "hotel.png",
                    "version": 1,
                    "ronde": 0,
                    **commun,
                },
                {
                    "id": "f-2",
                    "dossier_id": "d-1",
                    "piece": "justificatif-domicile-hotel",
                    "nom_fichier": "hotel-2.png",
                    "version": 2,
                    "ronde": 1,
                    **commun,
                },
                {
                    "id": "f-3",
                    "dossier_id": "d-2",
                    "piece": "justificatif-domicile-particulier",
                    "nom_fichier": "hebergeant.png",
                    "version": 1,
                    "ronde": 0,
                    **commun,
                },
                {
                    "id": "f-4",
                    "dossier_id": "d-2",
                    "piece": "justificatif-nationalite",
                    "nom_fichier": "passeport.png",
                    "version": 1,
                    "ronde": 0,
                    **commun,
                },
            ],
        )


def test_les_variantes_du_justificatif_de_domicile_deviennent_la_piece_du_guide(
    database_url: str, base: Engine
) -> None:
    inserer_avant_0003(base)
    migrer(database_url, "head")
    with base.connect() as connection:
        pieces = {r.id: (r.piece, r.version, r.ronde) for r in connection.execute(select(fichiers))}
        rondes = {r.dossier_id: r.pieces_ronde for r in connection.execute(select(dossiers))}
    assert pieces == {
        "f-1": ("justificatif-domicile", 1, 0),
        "f-2": ("justificatif-domicile", 2, 1),  # versions and rounds kept
        "f-3": ("justificatif-domicile", 1, 0),
        "f-4": ("justificatif-nationalite", 1, 0),
    }
    assert rondes == {"d-1": ["justificatif-domicile", "justificatif-nationalite"], "d-2": []}
