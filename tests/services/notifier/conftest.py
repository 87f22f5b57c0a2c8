"""Fixtures of the notifier's tests: a migrated database, dependencies, jobs and a real SMTP server."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from pyzeebe import Job
from sqlalchemy.orm import Session, sessionmaker

from contracts.process import PROCESS_ID, JobType, Modele
from plumbing.clock import day_in_france
from plumbing.database import create_database_engine, create_session_factory, upgrade_database
from plumbing.unit_of_work import UnitOfWork
from services.notifier.__main__ import MIGRATIONS, VERSION_TABLE
from services.notifier.domain.courriels import CourrielAbandonne
from services.notifier.domain.ports import RegistreCourriels
from services.notifier.storage.repositories import repositories
from services.notifier.tasks import build_task_router
from services.notifier.wiring import NotifierDeps
from tests.support.ports import free_port

DEMANDEUR = {
    "nom": "ETRANGER",
    "prenoms": "SEPT",
    "dateNaissance": "2006-07-01",
    "lieuNaissance": "KABOUL",
    "nationalite": "AFGHANE",
    "numeroEtranger": "5903007178",
    "courriel": "septetranger@yopmail.com",
    "adresse": "20 RUE NATIONALE 59000 LILLE FRANCE",
}


class Horloge:
    """A clock tests move by hand (a `plumbing.clock.Clock`)."""

    def __init__(self) -> None:
        self.instant = datetime(2023, 9, 12, 8, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.instant

    def today(self) -> date:
        return day_in_france(self.instant)

    def avancer(self, **delta: float) -> datetime:
        self.instant += timedelta(**delta)
        return self.instant


@pytest.fixture
def migrated_url(database_url: str) -> str:
    upgrade_database(database_url, MIGRATIONS, VERSION_TABLE)
    return database_url


@pytest.fixture
def sessions(migrated_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on the migrated database (SQLite, then PostgreSQL); the pool is closed afterwards."""
    engine = create_database_engine(migrated_url)
    yield create_session_factory(engine)
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Any) -> str:
    url = f"sqlite:///{tmp_path / 'notifier.db'}"
    upgrade_database(url, MIGRATIONS, VERSION_TABLE)
    return url


@pytest.fixture
def horloge() -> Horloge:
    return Horloge()


def make_deps(sessions: sessionmaker[Session], horloge: Horloge) -> NotifierDeps:
    counter = itertools.count(1)
    return NotifierDeps(
        uow=UnitOfWork(sessions, repositories),
        lien_connexion="http://127.0.0.1:8000/connexion",
        clock=horloge,
        new_id=lambda: f"notif-{next(counter):04d}",
    )


@pytest.fixture
def deps(sqlite_url: str, horloge: Horloge) -> Iterator[NotifierDeps]:
    """Dependencies on SQLite: use-case and API tests; storage tests cover PostgreSQL."""
    engine = create_database_engine(sqlite_url)
    yield make_deps(create_session_factory(engine), horloge)
    engine.dispose()


_job_keys = itertools.count(2251799813685249)
# What « Fixer les délais de la procédure » sets at the start of the model.
DELAIS = {
    "reponseComplements": "P30D",
    "notificationReputeeLue": "P15D",
    "validiteProlongation": "P3M",
    "alerteRejetImplicite": "P4M",
}


def make_job(
    modele: Modele | str = Modele.DEMANDE_COMPLEMENTS, key: int | None = None, **variables: Any
) -> Job:
    """A `notifier.notifier` job as the engine activates it."""
    values: dict[str, Any] = {
        "dossierId": "dossier-1",
        "demandeurId": "compte-sept",
        "numeroDemande": "5901202308180000190",
        "prefecture": "prefecture-59",
        "demandeur": DEMANDEUR,
        "delais": DELAIS,
        **variables,
    }
    return Job(
        key=key if key is not None else next(_job_keys),
        type=JobType.NOTIFIER_NOTIFIER.value,
        process_instance_key=2251799813685001,
        bpmn_process_id=PROCESS_ID,
        process_definition_version=1,
        process_definition_key=2251799813685000,
        element_id="notifier",
        element_instance_key=2251799813685002,
        custom_headers={"modele": str(modele)},
        worker="test",
        retries=3,
        deadline=0,
        variables=values,
    )


def abandonner(registre: RegistreCourriels, idempotence: str, livraisons: int, le: datetime) -> None:
    """An e-mail given up after `livraisons` deliveries, its relay refusing the connection."""
    registre.abandonne(
        CourrielAbandonne(
            idempotence=idempotence,
            modele="notification",
            subject="notifier.courriel.demande",
            demande="{}",
            erreur="ConnectionRefusedError",
            livraisons=livraisons,
            le=le,
        )
    )


async def executer_job(deps: NotifierDeps, job: Job) -> str:
    """Run `notifier.notifier` on a job as the worker does: variables and header validated first."""
    [task] = build_task_router(deps).tasks
    result = await task.original_function(job)
    return str(result["notificationId"])


def notifier(deps: NotifierDeps, job: Job) -> str:
    """`executer_job`, for tests that run no event loop."""
    return asyncio.run(executer_job(deps, job))


@dataclass
class BoiteSmtp:
    """Messages a real in-process SMTP server accepted, awaitable one by one."""

    loop: asyncio.AbstractEventLoop
    recus: list[EmailMessage] = field(default_factory=list)
    arrivees: asyncio.Queue[EmailMessage] = field(default_factory=asyncio.Queue)
    refuses: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self, _server: Any, _session: Any, envelope: Any, address: str, _options: Any
    ) -> str:
        if address in self.refuses:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.recus.append(message)
        self.loop.call_soon_threadsafe(self.arrivees.put_nowait, message)
        return "250 Message accepted for delivery"

    async def suivant(self) -> EmailMessage:
        async with asyncio.timeout(10):
            return await self.arrivees.get()


class ServeurSmtp:
    """An aiosmtpd server on a fixed free port that a test may stop and start again."""

    def __init__(self, boite: BoiteSmtp) -> None:
        self.boite, self.port = boite, free_port()
        self.controller: Controller | None = None

    def demarrer(self) -> None:
        self.controller = Controller(self.boite, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def arreter(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
async def serveur_smtp() -> AsyncIterator[ServeurSmtp]:
    serveur = ServeurSmtp(BoiteSmtp(asyncio.get_running_loop()))
    yield serveur
    serveur.arreter()


@pytest.fixture(autouse=True)
def journaux_sans_donnees_personnelles(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every log record of the notifier's tests is built (INFO) and none names the applicant."""
    caplog.set_level(logging.INFO)
    yield
    records = caplog.get_records("setup") + caplog.get_records("call")
    ours = "\n".join(r.getMessage() + repr(r.__dict__) for r in records if r.name != "mail.log")
    for personnel in ("yopmail", "ETRANGER", "Etranger"):
        assert personnel not in ours, f"donnée personnelle dans les journaux : {personnel}"
