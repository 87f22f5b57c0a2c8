"""SQL storage on SQLite and PostgreSQL: notifications, engine messages, e-mail register."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from contracts.jobs.notifier import NotifierInput
from contracts.notifier import FiltreLecture
from contracts.process import Modele
from plumbing.database import transaction
from plumbing.unit_of_work import UnitOfWork
from services.notifier.__main__ import VERSION_TABLE
from services.notifier.domain.acces import Portee
from services.notifier.domain.notifications import Filtre, Notification
from services.notifier.domain.ports import MessageMoteur
from services.notifier.domain.redaction import rediger
from services.notifier.storage.courriels import SqlRegistreCourriels
from services.notifier.storage.notifications import SqlNotifications
from services.notifier.storage.outbox import OutboxMessagesMoteur
from services.notifier.storage.repositories import repositories
from services.notifier.storage.tables import engine_commands, metadata, outbox
from services.notifier.usecases.notifications import consulter_notification
from tests.services.notifier.conftest import DELAIS, abandonner

pytestmark = pytest.mark.integration

T0 = datetime(2023, 9, 12, 8, 0, tzinfo=UTC)


def notification(i: int, modele: Modele = Modele.DEMANDE_COMPLEMENTS, demandeur: str = "a") -> Notification:
    redaction = rediger(
        modele, NotifierInput.model_validate({"numeroDemande": "5901202308180000190", "delais": DELAIS})
    )
    return Notification(
        id=f"n{i:02d}",
        job_key=f"job-{i}",
        demandeur_id=demandeur,
        dossier_id="d1",
        numero_demande="5901202308180000190",
        prefecture="prefecture-59",
        modele=modele,
        titre=redaction.titre,
        contenu=redaction.contenu(),
        pieces_jointes=(),
        cree_le=T0 + timedelta(minutes=i),
    )


def test_the_migration_creates_exactly_the_declared_tables(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        context = MigrationContext.configure(session.connection(), opts={"version_table": VERSION_TABLE})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_a_notification_is_stored_and_read_back_whole(sessions: sessionmaker[Session]) -> None:
    stored = notification(1)
    with transaction(sessions) as session:
        SqlNotifications(session).ajouter(stored)
    with transaction(sessions) as session:
        repository = SqlNotifications(session)
        assert repository.par_id("n01") == stored
        assert repository.par_job("job-1") == stored
        assert repository.par_id("absent") is None


def test_reading_is_recorded_once(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        SqlNotifications(session).ajouter(notification(1))
    with transaction(sessions) as session:
        first = SqlNotifications(session).marquer_lue("n01", T0 + timedelta(days=1))
    with transaction(sessions) as session:
        second = SqlNotifications(session).marquer_lue("n01", T0 + timedelta(days=2))
        lue_le = SqlNotifications(session).par_id("n01").lue_le  # type: ignore[union-attr]
    assert (first, second, lue_le) == (True, False, T0 + timedelta(days=1))


def test_lists_filter_by_reading_and_type_newest_first_in_pages(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        repository = SqlNotifications(session)
        for i in range(1, 13):
            repository.ajouter(
                notification(i, Modele.DEMANDE_COMPLEMENTS if i % 3 else Modele.DECISION_REFUS)
            )
        repository.ajouter(notification(20, demandeur="b"))
        for i in (1, 2, 3):
            repository.marquer_lue(f"n{i:02d}", T0)
    mine = Portee(demandeur_id="a")
    with transaction(sessions) as session:
        repository = SqlNotifications(session)
        first_page, total = repository.lister(mine, Filtre())
        second_page, _ = repository.lister(mine, Filtre(page=2))
        _, unread = repository.lister(mine, Filtre(lecture=FiltreLecture.NON_LUES))
        read, _ = repository.lister(mine, Filtre(lecture=FiltreLecture.LUES))
        refusals, _ = repository.lister(mine, Filtre(type=Modele.DECISION_REFUS, par_page=2))
        other_prefecture, _ = repository.lister(Portee(prefectures=frozenset({"prefecture-62"})), Filtre())
        count = repository.compter_non_lues("a")
    assert total == 12 and [n.id for n in first_page][:3] == ["n12", "n11", "n10"]
    assert [n.id for n in second_page] == ["n02", "n01"]
    assert unread == 9 == count
    assert [n.id for n in read] == ["n03", "n02", "n01"]
    assert [n.id for n in refusals] == ["n12", "n09"]
    assert other_prefecture == []


def test_an_engine_message_is_recorded_once_as_a_command_to_publish(sessions: sessionmaker[Session]) -> None:
    message = MessageMoteur("notification-lue-n01", "notification-lue", "n01", {"notificationId": "n01"})
    with transaction(sessions) as session:
        OutboxMessagesMoteur(session).prevoir(message, T0)
        OutboxMessagesMoteur(session).prevoir(message, T0)  # recorded already: kept once
    with sessions() as session:
        [row] = session.execute(select(engine_commands)).all()

    assert (row.id, row.kind, row.name, row.correlation_key) == (
        "notification-lue-n01",
        "publish-message",
        "notification-lue",
        "n01",
    )
    assert (row.variables, row.created_at, row.attempts, row.done_at) == (
        {"notificationId": "n01"},
        T0,
        0,
        None,
    )


def test_e_mails_sent_and_given_up_are_recorded(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        registre = SqlRegistreCourriels(session)
        registre.envoye("k1", "notification", T0)
        registre.envoye("k1", "notification", T0)  # a second delivery: no error
        abandonner(registre, "k2", 5, T0)
    with transaction(sessions) as session:
        registre = SqlRegistreCourriels(session)
        [echec] = registre.en_echec()

        assert registre.deja_envoye("k1") and not registre.deja_envoye("k2")
        assert (echec.idempotence, echec.livraisons, echec.date, echec.rejoue_le) == ("k2", 5, T0, None)
        assert registre.a_rejouer(echec.id) == ("notifier.courriel.demande", "{}")
        registre.rejoue(echec.id, T0)
        assert registre.a_rejouer(echec.id) is None and registre.en_echec()[0].rejoue_le == T0


def test_concurrent_deliveries_of_one_e_mail_record_it_once(sessions: sessionmaker[Session]) -> None:
    """Both see it unsent and insert; the loser's unit of work starts over and finds it recorded."""
    uow = UnitOfWork(sessions, repositories)
    barrier = threading.Barrier(4)

    def envoye(_: int) -> None:
        barrier.wait()
        uow.run(lambda r: r.registre.envoye("k1", "notification", T0))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(envoye, range(4)))

    assert uow.run(lambda r: r.registre.deja_envoye("k1"))


def test_simultaneous_openings_record_one_reading_and_owe_one_message(
    sessions: sessionmaker[Session],
) -> None:
    with transaction(sessions) as session:
        SqlNotifications(session).ajouter(notification(1))
    barrier = threading.Barrier(4)

    uow = UnitOfWork(sessions, repositories)

    def ouvrir(i: int) -> Notification:
        barrier.wait()
        return uow.run(
            lambda r: consulter_notification(
                repositories=r,
                portee=Portee(demandeur_id="a"),
                notification_id="n01",
                par_le_demandeur=True,
                maintenant=T0 + timedelta(seconds=i),
            )
        )

    with ThreadPoolExecutor(4) as pool:
        opened = list(pool.map(ouvrir, range(4)))

    assert len({n.lue_le for n in opened}) == 1 and opened[0].lue_le is not None
    with sessions() as session:
        assert len(session.execute(select(engine_commands)).all()) == 1
        subjects = session.execute(select(outbox.c.subject)).scalars().all()
    assert subjects == ["notifier.notification.lue"]
