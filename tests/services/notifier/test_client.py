"""`contracts.clients.notifier.NotifierClient` against the real app: every route, typed, one error policy."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from contracts.clients.base import NotFound, RequestRefused
from contracts.clients.notifier import NotifierClient
from contracts.notifier import EtatNotification, FiltreLecture
from contracts.process import Modele
from plumbing.actors import Actor
from plumbing.settings import PlatformSettings
from services.notifier.settings import NotifierSettings
from services.notifier.wiring import NotifierDeps, build_app
from tests.services.notifier.conftest import Horloge, abandonner, executer_job, make_job
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration

SEPT = Actor("demandeur", "compte-sept")
HUIT = Actor("demandeur", "compte-huit")
AGENT_59 = Actor("agent", "agent-1", prefectures=frozenset({"59"}), roles=frozenset({"instructeur"}))
PLATEFORME = Actor("service", "gateway")
DOCUMENT = {"id": "doc-7", "modele": "attestation-prolongation", "nomFichier": "attestation.pdf"}


@pytest.fixture
async def http(deps: NotifierDeps, sqlite_url: str) -> AsyncIterator[httpx.AsyncClient]:
    app = trust_test_tokens(
        build_app(NotifierSettings(database_url=sqlite_url), PlatformSettings(), deps=deps)
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://notifier") as client:
        yield client


@pytest.fixture
def client(http: httpx.AsyncClient) -> NotifierClient:
    """As the applicant site calls it, for the applicant SEPT."""
    return NotifierClient(http, TEST_TOKENS, SEPT)


@pytest.fixture
def client_de(http: httpx.AsyncClient) -> Callable[[Actor], NotifierClient]:
    return lambda actor: NotifierClient(http, TEST_TOKENS, actor)


async def test_the_applicant_lists_counts_and_opens(
    client: NotifierClient, deps: NotifierDeps, horloge: Horloge
) -> None:
    prolongation = await executer_job(deps, make_job(Modele.ATTESTATION_PROLONGATION, document=DOCUMENT))
    horloge.avancer(days=1)
    complements = await executer_job(deps, make_job(Modele.DEMANDE_COMPLEMENTS))

    page = await client.notifications(par_page=1)
    assert (page.total, page.pages, page.par_page, [n.id for n in page.elements]) == (2, 2, 1, [complements])
    assert (await client.compteur()).non_lues == 2

    opened = await client.notification(complements)
    assert opened.etat is EtatNotification.LUE and opened.lue_le is not None and opened.attend_reponse
    assert (await client.compteur()).non_lues == 1
    assert [n.id for n in (await client.notifications(lecture=FiltreLecture.LUES)).elements] == [complements]
    assert [n.id for n in (await client.notifications(type=Modele.ATTESTATION_PROLONGATION)).elements] == [
        prolongation
    ]

    [piece] = await client.pieces_jointes(prolongation)
    assert (piece.document_id, piece.nom_fichier) == ("doc-7", "attestation.pdf")


async def test_refusals_are_the_clients_errors(
    client: NotifierClient, client_de: Callable[[Actor], NotifierClient], deps: NotifierDeps
) -> None:
    decision = await executer_job(deps, make_job(Modele.ATTESTATION_DECISION_FAVORABLE))
    await client.notification(decision)

    with pytest.raises(NotFound, match="Notification introuvable"):
        await client_de(HUIT).notification(decision)
    with pytest.raises(NotFound):
        await client.pieces_jointes("../courriels/echecs")  # ids are quoted: never another route
    with pytest.raises(RequestRefused) as refused:
        await client_de(AGENT_59).compteur()
    assert refused.value.status == 403


async def test_agents_and_the_platform_name_the_applicant(
    client_de: Callable[[Actor], NotifierClient], deps: NotifierDeps
) -> None:
    await executer_job(deps, make_job(Modele.DEMANDE_COMPLEMENTS))
    agent, plateforme = client_de(AGENT_59), client_de(PLATEFORME)

    assert (await agent.notifications(demandeur="compte-sept")).total == 1
    assert (await plateforme.compteur(demandeur="compte-sept")).non_lues == 1


async def test_dead_letters_are_listed_and_replayed_by_the_platform(
    client_de: Callable[[Actor], NotifierClient], deps: NotifierDeps
) -> None:
    with deps.uow.transaction() as repositories:
        abandonner(repositories.registre, "k", 12, deps.clock.now())
    rejoues: list[int] = []

    async def rejeu(echec_id: int, _subject: str, _demande: str) -> None:
        rejoues.append(echec_id)

    deps.rejeu = rejeu
    plateforme = client_de(PLATEFORME)

    [echec] = await plateforme.courriels_en_echec()
    await plateforme.rejouer_courriel(echec.id)

    assert (echec.idempotence, echec.livraisons, rejoues) == ("k", 12, [echec.id])
    assert [e.rejoue_le for e in await plateforme.courriels_en_echec()] == [deps.clock.now()]
    with pytest.raises(NotFound, match="déjà rejoué"):
        await plateforme.rejouer_courriel(echec.id)
