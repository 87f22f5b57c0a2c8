"""SQL storage on SQLite and PostgreSQL: dossiers, history, events, numbering, engine commands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from contracts.dossier import EtapeInformationsPersonnelles, ReponseComplement, Statut
from plumbing.engine_outbox import EngineCommandRelay
from plumbing.unit_of_work import ConcurrentUpdate, UnitOfWork
from services.dossier.domain.complements import PieceDemandee, RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.storage.repositories import ENGINE_COMMANDS, SqlRepositories, premiere_instance_liee
from services.dossier.storage.tables import engine_commands, outbox
from tests.services.dossier.conftest import adresse_lille, base_migree, fiche_huit, fiche_sept
from tests.services.dossier.factices import MoteurFactice

pytestmark = pytest.mark.integration
MAINTENANT = datetime(2023, 8, 18, 9, 30, tzinfo=UTC)


Base = UnitOfWork[SqlRepositories]


@pytest.fixture
def base(database_url: str) -> Iterator[Base]:
    transactions = base_migree(database_url)
    yield transactions
    transactions.sessions.kw["bind"].dispose()


def nouveau(base: Base, dossier_id: str = "d-1") -> Dossier:
    dossier = Dossier.creer(dossier_id=dossier_id, fiche=fiche_sept(), maintenant=MAINTENANT)
    with base.transaction() as repos:
        repos.dossiers.ajouter(dossier)
    return dossier


def test_a_dossier_comes_back_as_saved_with_its_history_and_events(base: Base) -> None:
    dossier = nouveau(base)
    etape = EtapeInformationsPersonnelles(adresse=adresse_lille(), telephone="0612345678")
    dossier.enregistrer_informations_personnelles(etape, aujourdhui=MAINTENANT.date(), maintenant=MAINTENANT)
    with base.transaction() as repos:
        repos.dossiers.enregistrer(dossier)
    with base.transaction() as repos:
        relu = repos.dossiers.charger("d-1")
        historique = repos.dossiers.historique("d-1")
        sujets = [row.subject for row in repos.session.execute(select(outbox))]
    assert relu is not None
    assert relu.etat_civil == dossier.etat_civil and relu.adresse == dossier.adresse
    assert relu.telephone == "0612345678" and relu.derniere_etape == 1 and relu.version == 1
    assert relu.cree_le == MAINTENANT and relu.cree_le.tzinfo is not None
    assert [t.statut for t in historique] == [Statut.BROUILLON]
    assert sujets == ["dossier.dossier.cree", "dossier.dossier.etape-enregistree"]


def test_a_stale_copy_cannot_overwrite_a_newer_one(base: Base) -> None:
    nouveau(base)
    with base.transaction() as repos:
        premiere = repos.dossiers.charger("d-1")
    with base.transaction() as repos:
        seconde = repos.dossiers.charger("d-1")
    assert premiere is not None and seconde is not None
    with base.transaction() as repos:
        repos.dossiers.enregistrer(premiere)
    with pytest.raises(ConcurrentUpdate), base.transaction() as repos:
        repos.dossiers.enregistrer(seconde)


def test_one_application_in_progress_per_applicant(base: Base) -> None:
    nouveau(base, "d-1")
    with pytest.raises(IntegrityError), base.transaction() as repos:
        repos.dossiers.ajouter(Dossier.creer(dossier_id="d-2", fiche=fiche_sept(), maintenant=MAINTENANT))
    with base.transaction() as repos:
        repos.dossiers.ajouter(Dossier.creer(dossier_id="d-3", fiche=fiche_huit(), maintenant=MAINTENANT))
        assert repos.dossiers.en_cours_du_demandeur("demandeur-huit") is not None


def test_daily_sequences_count_per_key(base: Base) -> None:
    with base.transaction() as repos:
        assert [repos.sequences.suivant("590120230818") for _ in range(3)] == [1, 2, 3]
        assert repos.sequences.suivant("590120230819") == 1


async def test_a_command_is_recorded_once_and_sent_once(base: Base) -> None:
    nouveau(base)
    for _ in range(2):  # a double click records it once
        with base.transaction() as repos:
            repos.commandes_moteur.creer_instance(
                "demarrer-d-1", "processus", {"dossierId": "d-1"}, maintenant=MAINTENANT
            )
    with base.transaction() as repos:
        assert repos.session.execute(select(engine_commands.c.id)).scalars().all() == ["demarrer-d-1"]
    moteur = MoteurFactice()
    relais = EngineCommandRelay(
        engine_commands, base.sessions, moteur, on_instance_created=premiere_instance_liee
    )
    assert await relais.send_pending() == 1
    assert await relais.send_pending() == 0
    assert moteur.demarrages == [("processus", {"dossierId": "d-1"})]
    with base.transaction() as repos:
        assert ENGINE_COMMANDS.is_done(repos.session, "demarrer-d-1")
        assert repos.dossiers.lier_instance("d-1", 1) == moteur.instances["d-1"]


def test_the_first_process_instance_binds_the_dossier(base: Base) -> None:
    nouveau(base)
    with base.transaction() as repos:
        assert repos.dossiers.lier_instance("d-1", 2251799813685249) == 2251799813685249
        assert repos.dossiers.lier_instance("d-1", 2251799813685250) == 2251799813685249


def test_complement_rounds_keep_the_answers(base: Base) -> None:
    nouveau(base)
    ronde = RondeComplements("d-1", 1, MAINTENANT, [PieceDemandee("justificatif-nationalite", "Illisible")])
    with base.transaction() as repos:
        assert repos.rondes.prochain_numero("d-1") == 1
        repos.rondes.ajouter(ronde)
    ronde.pieces[0].reponse = ReponseComplement.MAINTENIR
    ronde.pieces[0].motif = "La copie comporte 2 pages"
    ronde.pieces[0].repondu_le = MAINTENANT
    ronde.envoyee_le = MAINTENANT
    with base.transaction() as repos:
        repos.rondes.enregistrer(ronde)
    with base.transaction() as repos:
        assert repos.rondes.charger("d-1", 1) == ronde
        assert repos.rondes.prochain_numero("d-1") == 2


def test_a_handled_job_remembers_its_result(base: Base) -> None:
    nouveau(base)
    with base.transaction() as repos:
        assert repos.jobs.resultat(2251799813685300) is None
        repos.jobs.noter(
            2251799813685300,
            type_job="t",
            dossier_id="d-1",
            resultat={"rondeComplements": 1},
            maintenant=MAINTENANT,
        )
    with base.transaction() as repos:
        assert repos.jobs.resultat(2251799813685300) == {"rondeComplements": 1}
