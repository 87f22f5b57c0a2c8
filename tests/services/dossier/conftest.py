"""The dossier's fixtures: the seed's applicants, a fixed clock, fakes of the engine, documents, identity."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from contracts.identity import Adresse, EtatCivil, FicheDemandeur, TitreEnCours
from plumbing.actors import Actor
from plumbing.database import create_database_engine, create_session_factory, upgrade_database
from plumbing.settings import PlatformSettings
from plumbing.unit_of_work import UnitOfWork
from services.dossier.settings import DossierSettings
from services.dossier.storage.repositories import SqlRepositories
from services.dossier.storage.tables import MIGRATIONS, VERSION_TABLE
from services.dossier.wiring import DossierParts, build_app, build_parts
from tests.services.dossier.factices import (
    FichesFactices,
    HorlogeFixe,
    MoteurFactice,
    PiecesFactices,
    horloge_du_18_aout_2023,
)
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

TOKEN = "jeton-interne-de-test"


def adresse_lille() -> Adresse:
    return Adresse(
        numero_voie="20", voie="RUE NATIONALE", code_postal="59000", ville="LILLE", code_insee="59350"
    )


def fiche(
    demandeur_id: str, prenoms: str, naissance: date, numero_etranger: str, emancipe: bool = False
) -> FicheDemandeur:
    return FicheDemandeur(
        id=demandeur_id,
        etat_civil=EtatCivil(
            nom_naissance="ETRANGER",
            prenoms=prenoms,
            sexe="F",
            date_naissance=naissance,
            pays_naissance="BRESIL",
            lieu_naissance="BRASILIA",
            nationalite="BRÉSILIENNE",
            emancipe=emancipe,
        ),
        numero_etranger=numero_etranger,
        courriel=f"{prenoms.lower()}etranger@yopmail.com",
        adresse=adresse_lille(),
        titre_en_cours=TitreEnCours(
            type="MNA placé avant 16 ans",
            mention="Vie privée et familiale",
            numero="5903007178",
            date_debut=date(2022, 9, 13),
            date_fin=date(2023, 9, 12),
        ),
        prefecture="59",
    )


def fiche_sept() -> FicheDemandeur:
    """SEPT ETRANGER, born 01/07/2006: a minor on 18/08/2023."""
    return fiche("demandeur-sept", "SEPT", date(2006, 7, 1), "5903007178")


def fiche_huit() -> FicheDemandeur:
    """HUIT ETRANGER, born 01/08/2004: an adult on 18/08/2023."""
    return fiche("demandeur-huit", "HUIT", date(2004, 8, 1), "5903007177")


def entetes(acteur: Actor) -> dict[str, str]:
    return TEST_TOKENS.headers(acteur)


SEPT = Actor("demandeur", "demandeur-sept")
HUIT = Actor("demandeur", "demandeur-huit")
AGENT_59 = Actor("agent", "agent-59", prefectures=frozenset({"59"}), roles=frozenset({"instructeur"}))
AGENT_62 = Actor("agent", "agent-62", prefectures=frozenset({"62"}), roles=frozenset({"instructeur"}))


def base_migree(url: str) -> UnitOfWork[SqlRepositories]:
    upgrade_database(url, MIGRATIONS, VERSION_TABLE)
    return UnitOfWork(create_session_factory(create_database_engine(url)), SqlRepositories)


@pytest.fixture
def horloge() -> HorlogeFixe:
    return horloge_du_18_aout_2023()


@pytest.fixture
def moteur() -> MoteurFactice:
    return MoteurFactice()


@pytest.fixture
def pieces() -> PiecesFactices:
    return PiecesFactices()


@pytest.fixture
def fiches() -> FichesFactices:
    """SEPT and HUIT as identity's register holds them."""
    return FichesFactices({f.id: f for f in (fiche_sept(), fiche_huit())})


@pytest.fixture
def transactions(tmp_path: Path) -> Iterator[UnitOfWork[SqlRepositories]]:
    transactions = base_migree(f"sqlite:///{tmp_path / 'dossier.db'}")
    yield transactions
    transactions.sessions.kw["bind"].dispose()


@pytest.fixture
def composants(
    transactions: UnitOfWork[SqlRepositories],
    moteur: MoteurFactice,
    pieces: PiecesFactices,
    fiches: FichesFactices,
    horloge: HorlogeFixe,
) -> DossierParts:
    settings = DossierSettings(database_url="sqlite://", guichet="01")
    return build_parts(
        settings, sessions=transactions.sessions, engine=moteur, pieces=pieces, fiches=fiches, clock=horloge
    )


@pytest.fixture
async def client(composants: DossierParts) -> AsyncIterator[httpx.AsyncClient]:
    app = trust_test_tokens(build_app(composants, PlatformSettings()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://dossier") as client:
        yield client
