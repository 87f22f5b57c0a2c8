"""SQL storage on SQLite and PostgreSQL: dossiers, history, events, numbering, engine commands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from contracts.dossier import EtapeInformationsPersonnelles, ReponseComplement, Statut
from services.dossier.domain.complements import PieceDemandee, RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.storage.commandes import CommandeMoteur
from services.dossier.storage.dossiers import ModificationConcurrente
from services.dossier.storage.registres import Stockage
from services.dossier.storage.tables import outbox
from tests.services.dossier.conftest import adresse_lille, fiche_huit, fiche_sept, stockage_migre

pytestmark = pytest.mark.integration
MAINTENANT = datetime(2023, 8, 18, 9, 30, tzinfo=UTC)


@pytest.fixture
def base(database_url: str) -> Iterator[Stockage]:
    stockage = stockage_migre(database_url)
    yield stockage
    stockage.sessions.kw["bind"].dispose()


def nouveau(base: Stockage, dossier_id: str = "d-1") -> Dossier:
    dossier = Dossier.creer(dossier_id=dossier_id, fiche=fiche_sept(), maintenant=MAINTENANT)
    with base.transaction() as registres:
        registres.dossiers.ajouter(dossier)
    return dossier


def test_a_dossier_comes_back_as_saved_with_its_history_and_events(base: Stockage) -> None:
    dossier = nouveau(base)
    etape = EtapeInformationsPersonnelles(adresse=adresse_lille(), telephone="0612345678")
    dossier.enregistrer_informations_personnelles(etape, aujourdhui=MAINTENANT.date(), maintenant=MAINTENANT)
    with base.transaction() as registres:
        registres.dossiers.enregistrer(dossier)
    with base.transaction() as registres:
        relu = registres.dossiers.charger("d-1")
        historique = registres.dossiers.historique("d-1")
        sujets = [row.subject for row in registres.dossiers.session.execute(select(outbox))]
    assert relu is not None
    assert relu.etat_civil == dossier.etat_civil and relu.adresse == dossier.adresse
    assert relu.telephone == "0612345678" and relu.derniere_etape == 1 and relu.version == 1
    assert relu.cree_le == MAINTENANT and relu.cree_le.tzinfo is not None
    assert [t.statut for t in historique] == [Statut.BROUILLON]
    assert sujets == ["dossier.dossier.cree", "dossier.dossier.etape-enregistree"]


def test_a_stale_copy_cannot_overwrite_a_newer_one(base: Stockage) -> None:
    nouveau(base)
    with base.transaction() as registres:
        premiere = registres.dossiers.charger("d-1")
    with base.transaction() as registres:
        seconde = registres.dossiers.charger("d-1")
    assert premiere is not None and seconde is not None
    with base.transaction() as registres:
        registres.dossiers.enregistrer(premiere)
    with pytest.raises(ModificationConcurrente), base.transaction() as registres:
        registres.dossiers.enregistrer(seconde)


def test_one_application_in_progress_per_applicant(base: Stockage) -> None:
    nouveau(base, "d-1")
    with pytest.raises(IntegrityError), base.transaction() as registres:
        registres.dossiers.ajouter(Dossier.creer(dossier_id="d-2", fiche=fiche_sept(), maintenant=MAINTENANT))
    with base.transaction() as registres:
        registres.dossiers.ajouter(Dossier.creer(dossier_id="d-3", fiche=fiche_huit(), maintenant=MAINTENANT))
        assert registres.dossiers.en_cours_du_demandeur("demandeur-huit") is not None


def test_daily_sequences_count_per_key(base: Stockage) -> None:
    with base.transaction() as registres:
        assert [registres.sequences.suivant("590120230818") for _ in range(3)] == [1, 2, 3]
        assert registres.sequences.suivant("590120230819") == 1


def test_a_command_is_recorded_once_and_leased_to_one_sender(base: Stockage) -> None:
    nouveau(base)
    commande = CommandeMoteur("demarrer-d-1", "d-1", "demarrer", "processus", {"dossierId": "d-1"})
    with base.transaction() as registres:
        assert registres.commandes.ajouter(commande, maintenant=MAINTENANT)
        assert not registres.commandes.ajouter(commande, maintenant=MAINTENANT)
    bail = timedelta(seconds=60)
    with base.transaction() as registres:
        reservee = registres.commandes.reserver("demarrer-d-1", maintenant=MAINTENANT, bail=bail)
        assert (
            reservee is not None and reservee.variables == {"dossierId": "d-1"} and reservee.tentatives == 1
        )
        assert registres.commandes.reserver("demarrer-d-1", maintenant=MAINTENANT, bail=bail) is None
        assert registres.commandes.en_attente(maintenant=MAINTENANT) == []
        plus_tard = MAINTENANT + timedelta(seconds=61)
        assert registres.commandes.en_attente(maintenant=plus_tard) == ["demarrer-d-1"]
        registres.commandes.terminer("demarrer-d-1", maintenant=MAINTENANT, resultat=42)
        assert registres.commandes.en_attente(maintenant=plus_tard) == []
        assert registres.commandes.executee("demarrer-d-1")


def test_the_first_process_instance_binds_the_dossier(base: Stockage) -> None:
    nouveau(base)
    with base.transaction() as registres:
        assert registres.dossiers.lier_instance("d-1", 2251799813685249) == 2251799813685249
        assert registres.dossiers.lier_instance("d-1", 2251799813685250) == 2251799813685249


def test_complement_rounds_keep_the_answers(base: Stockage) -> None:
    nouveau(base)
    ronde = RondeComplements("d-1", 1, MAINTENANT, [PieceDemandee("justificatif-nationalite", "Illisible")])
    with base.transaction() as registres:
        assert registres.rondes.prochain_numero("d-1") == 1
        registres.rondes.ajouter(ronde)
    ronde.pieces[0].reponse = ReponseComplement.MAINTENIR
    ronde.pieces[0].motif = "La copie comporte 2 pages"
    ronde.pieces[0].repondu_le = MAINTENANT
    ronde.envoyee_le = MAINTENANT
    with base.transaction() as registres:
        registres.rondes.enregistrer(ronde)
    with base.transaction() as registres:
        assert registres.rondes.charger("d-1", 1) == ronde
        assert registres.rondes.prochain_numero("d-1") == 2


def test_a_handled_job_remembers_its_result(base: Stockage) -> None:
    nouveau(base)
    with base.transaction() as registres:
        assert registres.jobs.resultat(2251799813685300) is None
        registres.jobs.noter(
            2251799813685300,
            type_job="t",
            dossier_id="d-1",
            resultat={"rondeComplements": 1},
            maintenant=MAINTENANT,
        )
    with base.transaction() as registres:
        assert registres.jobs.resultat(2251799813685300) == {"rondeComplements": 1}
