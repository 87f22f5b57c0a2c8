"""Every internal API answers what its OpenAPI document says, whatever a caller sends (schemathesis).

Each service's app is built as in its own API tests (real storage, the same stand-ins for other
services); schemathesis generates valid and invalid requests from `/openapi.json` and checks every
answer: no 5xx, a documented status, the documented content type, headers and body schema, invalid
data refused, valid data not refused. The callers are those of the platform (an applicant, an agent,
a service, with the internal token) or a stranger who sends what schemathesis generates.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi import from_asgi
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.schemas import OpenApiSchema

from contracts.clients.documents import DocumentsClient
from plumbing.actors import Actor, internal_headers
from plumbing.database import create_database_engine, create_session_factory, upgrade_database
from plumbing.settings import PlatformSettings
from services.documents import wiring as documents_wiring
from services.documents.settings import DocumentsSettings
from services.dossier import wiring as dossier_wiring
from services.dossier.settings import DossierSettings
from services.identity import wiring as identity_wiring
from services.notifier import wiring as notifier_wiring
from services.notifier.__main__ import MIGRATIONS as NOTIFIER_MIGRATIONS
from services.notifier.__main__ import VERSION_TABLE as NOTIFIER_VERSION_TABLE
from services.notifier.settings import NotifierSettings
from services.pdf import wiring as pdf_wiring
from services.pdf.adapters.depot_documents import DocumentsServiceDepot
from services.pdf.adapters.rendu_pdf import WeasyPrintRendu
from services.pdf.usecases.generation import GenerationDocuments
from tests.services.dossier.conftest import base_migree, fiche_huit, fiche_sept
from tests.services.dossier.factices import (
    FichesFactices,
    MoteurFactice,
    PiecesFactices,
    horloge_du_18_aout_2023,
)
from tests.services.identity.conftest import HorlogeReglable, build_deps
from tests.services.notifier.conftest import Horloge, make_deps
from tests.services.pdf.conftest import HorlogeFixe

pytestmark = pytest.mark.integration

TOKEN = "jeton-interne-de-test"
PLATFORM = PlatformSettings(INTERNAL_API_TOKEN=TOKEN)  # type: ignore[call-arg]
CALLERS = [
    Actor("demandeur", "demandeur-sept"),
    Actor("agent", "agent-59", prefectures=frozenset({"59"}), roles=frozenset({"instructeur", "admin"})),
    Actor("service", "gateway"),
    None,  # a stranger: the headers schemathesis generates
]
EXAMPLES = settings(
    max_examples=8,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def loaded(app: FastAPI) -> OpenApiSchema:
    return from_asgi("/openapi.json", app)


def documents_app(directory: Path) -> tuple[FastAPI, documents_wiring.DocumentsParts]:
    url = f"sqlite:///{directory / 'documents.db'}"
    upgrade_database(url, documents_wiring.MIGRATIONS, documents_wiring.VERSION_TABLE)
    settings_ = DocumentsSettings(database_url=url, repertoire=directory / "fichiers")
    deps = documents_wiring.build_parts(settings_)
    return documents_wiring.build_app(settings_, PLATFORM, deps), deps


@pytest.fixture(scope="module")
def identity_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    url = f"sqlite:///{tmp_path_factory.mktemp('identity') / 'identity.db'}"
    deps = build_deps(url, HorlogeReglable())
    yield loaded(identity_wiring.build_app(PLATFORM, deps))
    deps.engine.dispose()


@pytest.fixture(scope="module")
def dossier_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    transactions = base_migree(f"sqlite:///{tmp_path_factory.mktemp('dossier') / 'dossier.db'}")
    parts = dossier_wiring.build_parts(
        DossierSettings(database_url="sqlite://", guichet="01"),
        sessions=transactions.sessions,
        engine=MoteurFactice(),
        pieces=PiecesFactices(),
        fiches=FichesFactices({f.id: f for f in (fiche_sept(), fiche_huit())}),
        clock=horloge_du_18_aout_2023(),
    )
    yield loaded(dossier_wiring.build_app(parts, PLATFORM))
    transactions.sessions.kw["bind"].dispose()


@pytest.fixture(scope="module")
def documents_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    app, deps = documents_app(tmp_path_factory.mktemp("documents"))
    yield loaded(app)
    deps.engine.dispose()


@pytest.fixture(scope="module")
def notifier_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    url = f"sqlite:///{tmp_path_factory.mktemp('notifier') / 'notifier.db'}"
    upgrade_database(url, NOTIFIER_MIGRATIONS, NOTIFIER_VERSION_TABLE)
    engine = create_database_engine(url)
    deps = make_deps(create_session_factory(engine), Horloge())
    yield loaded(notifier_wiring.build_app(NotifierSettings(database_url=url), PLATFORM, deps=deps))
    engine.dispose()


@pytest.fixture(scope="module")
def pdf_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    documents, deps = documents_app(tmp_path_factory.mktemp("pdf"))
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=documents), base_url="http://documents")
    depot = DocumentsServiceDepot(DocumentsClient(http, TOKEN, pdf_wiring.ACTEUR))
    rendu = WeasyPrintRendu()
    yield loaded(pdf_wiring.build_app(PLATFORM, GenerationDocuments(rendu, depot, horloge=HorlogeFixe())))
    rendu.fermer()
    deps.engine.dispose()


def call_and_validate(case: Case, caller: Actor | None) -> None:
    headers = internal_headers(TOKEN, caller) if caller is not None else None
    case.call_and_validate(headers=headers)


def may_be_invalid(operation: APIOperation) -> bool:
    """Whether schemathesis can make a request the document refuses: any string is a valid path
    segment or header, so an operation with only those has no invalid request to send."""
    if list(operation.body):
        return True
    for parameter in operation.iter_parameters():
        schema = parameter.definition.get("schema", {})
        constrained = set(schema) - {"type", "title", "default", "description"}
        if parameter.location == "query" or constrained or schema.get("type") != "string":
            return True
    return False


def failures_of(operation: APIOperation, mode: GenerationMode) -> str | None:
    """What schemathesis found wrong in the answers to `operation`'s generated requests, if anything."""

    @given(case=operation.as_strategy(generation_mode=mode), caller=st.sampled_from(CALLERS))
    @EXAMPLES
    def answers_as_documented(case: Case, caller: Actor | None) -> None:
        call_and_validate(case, caller)

    try:
        answers_as_documented()
    except (Exception, FailureGroup) as error:  # the checks that failed, or what the call raised
        return f"{operation.label} ({mode.value}):\n{error}"
    return None


@pytest.mark.parametrize("service", ["identity", "dossier", "documents", "notifier", "pdf"])
def test_every_answer_is_the_one_documented(service: str, request: pytest.FixtureRequest) -> None:
    schema: OpenApiSchema = request.getfixturevalue(f"{service}_schema")
    operations = [result.ok() for result in schema.get_all_operations()]
    failures = [
        found
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if mode is GenerationMode.POSITIVE or may_be_invalid(operation)
        if (found := failures_of(operation, mode)) is not None
    ]
    assert not failures, "\n\n".join(failures)
