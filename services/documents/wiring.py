"""The documents service's parts, built from its settings: `__main__` serves them, tests use them too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from nats.js import JetStreamContext
from pyzeebe import ZeebeTaskRouter
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from contracts.documents import STREAM, SUBJECTS
from plumbing.database import create_database_engine, create_session_factory
from plumbing.health import ReadinessCheck, database_check
from plumbing.outbox import OutboxRelay
from plumbing.settings import PlatformSettings
from plumbing.unit_of_work import UnitOfWork
from plumbing.web import create_app
from services.documents.adapters.antivirus_clamd import ClamdAntivirus
from services.documents.adapters.blobs_filesystem import FilesystemBlobStore
from services.documents.adapters.blobs_nats import NatsBlobStore
from services.documents.api import build_api_router
from services.documents.api.errors import ERREURS
from services.documents.domain.antivirus import Antivirus, SansAntivirus
from services.documents.domain.ports import BlobStore
from services.documents.settings import DocumentsSettings
from services.documents.storage.repositories import SqlDocumentsRepository
from services.documents.storage.tables import outbox
from services.documents.tasks import build_task_router
from services.documents.usecases.complements import Complements
from services.documents.usecases.generes import DocumentsGeneres
from services.documents.usecases.justificatifs import Justificatifs

MIGRATIONS = Path(__file__).parent / "storage" / "migrations"
VERSION_TABLE = "documents_alembic_version"


@dataclass(frozen=True)
class DocumentsParts:
    """What the API, the worker and the outbox relay share."""

    engine: Engine
    sessions: sessionmaker[Session]
    transactions: UnitOfWork[SqlDocumentsRepository]
    blobs: BlobStore
    justificatifs: Justificatifs
    complements: Complements
    generes: DocumentsGeneres


def build_parts(settings: DocumentsSettings, blobs: BlobStore | None = None) -> DocumentsParts:
    """Everything but the NATS connection; `blobs` defaults to the directory of the settings."""
    engine = create_database_engine(settings.database())
    sessions = create_session_factory(engine)
    transactions = UnitOfWork(sessions, SqlDocumentsRepository)
    blobs = blobs or FilesystemBlobStore(settings.repertoire)
    antivirus = build_antivirus(settings)
    return DocumentsParts(
        engine=engine,
        sessions=sessions,
        transactions=transactions,
        blobs=blobs,
        justificatifs=Justificatifs(transactions, blobs, antivirus=antivirus),
        complements=Complements(transactions, blobs, antivirus=antivirus),
        generes=DocumentsGeneres(transactions, blobs, antivirus=antivirus),
    )


def build_antivirus(settings: DocumentsSettings) -> Antivirus:
    """clamd when `DOCUMENTS_CLAMD_ADDRESS` is set; no scan otherwise (development)."""
    return ClamdAntivirus(settings.clamd_address) if settings.clamd_address else SansAntivirus()


def build_blob_store(settings: DocumentsSettings, js: JetStreamContext) -> BlobStore:
    """The blob store the settings choose: a directory, or a NATS JetStream Object Store."""
    if settings.stockage == "nats":
        return NatsBlobStore(js, settings.bucket)
    return FilesystemBlobStore(settings.repertoire)


def build_app(
    settings: DocumentsSettings,
    platform: PlatformSettings,
    parts: DocumentsParts | None = None,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    """The internal API; `parts` lets the caller share them with the worker (or use another blob store)."""
    parts = parts or build_parts(settings)
    checks = {"base de données": database_check(parts.engine), **(readiness or {})}
    app = create_app("documents", checks, platform=platform, errors=ERREURS)
    app.include_router(
        build_api_router(
            justificatifs=parts.justificatifs,
            complements=parts.complements,
            generes=parts.generes,
            transactions=parts.transactions,
        )
    )
    return app


def build_outbox_relay(parts: DocumentsParts, js: JetStreamContext) -> OutboxRelay:
    return OutboxRelay(outbox, parts.sessions, js, STREAM, SUBJECTS, "documents")


def build_tasks(parts: DocumentsParts) -> ZeebeTaskRouter:
    return build_task_router(parts.transactions)
