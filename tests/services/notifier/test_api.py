"""The internal API, as the gateway (applicant), the back-office (agent) and the platform use it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from contracts.process import Modele
from plumbing.actors import Actor
from plumbing.settings import PlatformSettings
from services.notifier.settings import NotifierSettings
from services.notifier.storage.tables import engine_commands, outbox
from services.notifier.usecases.notifications import noter_reponse
from services.notifier.wiring import NotifierDeps, build_app
from tests.services.notifier.conftest import DELAIS, Horloge, abandonner, executer_job, make_job
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration

SEPT = Actor("demandeur", "compte-sept")
HUIT = Actor("demandeur", "compte-huit")
AGENT_59 = Actor("agent", "agent-1", prefectures=frozenset({"59"}), roles=frozenset({"instructeur"}))
AGENT_62 = Actor("agent", "agent-2", prefectures=frozenset({"62"}), roles=frozenset({"instructeur"}))
PLATEFORME = Actor("service", "gateway")
ADMIN = Actor("agent", "admin-1", roles=frozenset({"admin"}))


@pytest.fixture
async def client(deps: NotifierDeps, sqlite_url: str) -> AsyncIterator[httpx.AsyncClient]:
    app = trust_test_tokens(
        build_app(NotifierSettings(database_url=sqlite_url), PlatformSettings(), deps=deps)
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notifier") as c:
        yield c


def headers(actor: Actor) -> dict[str, str]:
    return TEST_TOKENS.headers(actor)


async def creer(deps: NotifierDeps, modele: Modele = Modele.DEMANDE_COMPLEMENTS, **variables: Any) -> str:
    return await executer_job(deps, make_job(modele, **variables))


def messages(deps: NotifierDeps) -> list[Any]:
    with deps.sessions() as session:
        return list(session.execute(select(engine_commands)))


def events(deps: NotifierDeps) -> list[str]:
    with deps.sessions() as session:
        return [row.subject for row in session.execute(select(outbox).order_by(outbox.c.id))]


async def test_an_applicant_lists_their_own_notifications_newest_first(
    client: httpx.AsyncClient, deps: NotifierDeps, horloge: Horloge
) -> None:
    first = await creer(deps, Modele.CONFIRMATION_DEPOT)
    horloge.avancer(days=1)
    second = await creer(deps, Modele.DEMANDE_COMPLEMENTS)
    await creer(deps, demandeurId="compte-huit")

    response = await client.get("/notifications", headers=headers(SEPT))

    assert response.status_code == 200
    body = response.json()
    assert [n["id"] for n in body["elements"]] == [second, first]
    assert (body["total"], body["page"], body["parPage"], body["pages"]) == (2, 1, 10, 1)
    line = body["elements"][0]
    assert (line["titre"], line["procedure"], line["etat"], line["type"]) == (
        "Demande de complément",
        "SEJOUR",
        "non-lue",
        "demande-complements",
    )
    assert line["date"] == "2023-09-13T08:00:00Z" and line["lueLe"] is None and line["attendReponse"]
    assert (line["libelle"], line["mention"]) == ("Demande de complément", None)
    await client.get(f"/notifications/{second}", headers=headers(SEPT))
    relue = (await client.get("/notifications", headers=headers(SEPT))).json()["elements"][0]
    assert (relue["libelle"], relue["mention"]) == ("Demande de complément lue", "Lu le 13/09/2023")


async def test_lists_filter_by_reading_and_type_and_come_in_pages(
    client: httpx.AsyncClient, deps: NotifierDeps
) -> None:
    ids = [await creer(deps, Modele.ATTESTATION_PROLONGATION) for _ in range(3)]
    decision = await creer(deps, Modele.DECISION_REFUS)
    await client.get(f"/notifications/{ids[0]}", headers=headers(SEPT))

    async def ids_of(**params: Any) -> list[str]:
        response = await client.get("/notifications", params=params, headers=headers(SEPT))
        return [n["id"] for n in response.json()["elements"]]

    assert await ids_of(lecture="lues") == [ids[0]]
    assert len(await ids_of(lecture="non-lues")) == 3
    assert await ids_of(type="decision-refus") == [decision]
    assert len(await ids_of(parPage=3, page=1)) == 3 and len(await ids_of(parPage=3, page=2)) == 1
    assert await ids_of(page=5) == []


@pytest.mark.parametrize(
    "params", [{"page": 0}, {"parPage": 101}, {"lecture": "peut-etre"}, {"type": "liste"}, {"page": "x"}]
)
async def test_a_bad_list_request_is_refused_in_french(client: httpx.AsyncClient, params: Any) -> None:
    response = await client.get("/notifications", params=params, headers=headers(SEPT))

    assert response.status_code == 422
    assert response.json()["detail"] == "La requête contient des données invalides."
    assert all(" or " not in e["message"] and "Input" not in e["message"] for e in response.json()["erreurs"])


async def test_the_unread_count_drops_when_a_notification_is_opened(
    client: httpx.AsyncClient, deps: NotifierDeps
) -> None:
    first, _ = await creer(deps), await creer(deps, Modele.ATTESTATION_PROLONGATION)

    before = (await client.get("/notifications/compteur", headers=headers(SEPT))).json()
    await client.get(f"/notifications/{first}", headers=headers(SEPT))
    after = (await client.get("/notifications/compteur", headers=headers(SEPT))).json()
    platform = await client.get(
        "/notifications/compteur", params={"demandeur": "compte-sept"}, headers=headers(PLATEFORME)
    )

    assert (before, after, platform.json()) == ({"nonLues": 2}, {"nonLues": 1}, {"nonLues": 1})
    assert (await client.get("/notifications/compteur", headers=headers(AGENT_59))).status_code == 403
    assert (await client.get("/notifications/compteur", headers=headers(PLATEFORME))).status_code == 422


async def test_the_platform_without_an_applicant_lists_every_notification(
    client: httpx.AsyncClient, deps: NotifierDeps
) -> None:
    """No condition at all (no applicant, no préfecture, no filter) is a query like the others."""
    await creer(deps)
    await creer(deps, demandeurId="compte-huit")

    page = await client.get("/notifications", headers=headers(PLATEFORME))

    assert page.status_code == 200 and page.json()["total"] == 2


async def test_the_first_opening_is_the_acknowledgement_of_receipt(
    client: httpx.AsyncClient, deps: NotifierDeps, horloge: Horloge
) -> None:
    notification_id = await creer(
        deps, Modele.DEMANDE_COMPLEMENTS, piecesDemandees=[{"piece": "p", "observation": "o"}]
    )
    horloge.avancer(days=2)

    first = await client.get(f"/notifications/{notification_id}", headers=headers(SEPT))
    horloge.avancer(days=1)
    second = await client.get(f"/notifications/{notification_id}", headers=headers(SEPT))

    assert first.status_code == second.status_code == 200
    assert first.json()["lueLe"] == second.json()["lueLe"] == "2023-09-14T08:00:00Z"
    [piece] = first.json()["contenu"]["piecesDemandees"]
    assert (piece["piece"], piece["libelle"], piece["observation"]) == ("p", "p", "o")
    assert piece["phrase"] == "Les documents mentionnés ci-dessous ne sont pas lisibles :"
    [message] = messages(deps)
    assert (message.name, message.correlation_key, message.id, message.kind) == (
        "notification-lue",
        notification_id,
        f"notification-lue-{notification_id}",
        "publish-message",
    )
    assert message.variables["notificationId"] == notification_id and message.done_at is None
    assert events(deps).count("notifier.notification.lue") == 1


async def test_a_double_click_records_one_reading_and_one_message(
    client: httpx.AsyncClient, deps: NotifierDeps
) -> None:
    notification_id = await creer(deps)

    responses = await asyncio.gather(
        *(client.get(f"/notifications/{notification_id}", headers=headers(SEPT)) for _ in range(5))
    )

    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["lueLe"] for r in responses}) == 1
    assert len(messages(deps)) == 1


async def test_other_peoples_notifications_do_not_exist(
    client: httpx.AsyncClient, deps: NotifierDeps
) -> None:
    notification_id = await creer(deps)

    for path in (f"/notifications/{notification_id}", f"/notifications/{notification_id}/pieces-jointes"):
        assert (await client.get(path, headers=headers(HUIT))).json() == {
            "detail": "Notification introuvable."
        }
        assert (await client.get(path, headers=headers(AGENT_62))).status_code == 404
    assert (await client.get("/notifications/inconnue", headers=headers(SEPT))).status_code == 404
    assert (await client.get("/notifications", headers=headers(HUIT))).json()["total"] == 0
    assert messages(deps) == []


async def test_agents_and_the_platform_read_without_acknowledging(
    client: httpx.AsyncClient, deps: NotifierDeps
) -> None:
    notification_id = await creer(deps)

    agent = await client.get(f"/notifications/{notification_id}", headers=headers(AGENT_59))
    platform = await client.get(f"/notifications/{notification_id}", headers=headers(PLATEFORME))
    listed = await client.get(
        "/notifications", params={"demandeur": "compte-sept"}, headers=headers(AGENT_59)
    )

    assert agent.json()["etat"] == platform.json()["etat"] == "non-lue"
    assert listed.json()["total"] == 1
    assert (await client.get("/notifications", headers=headers(AGENT_62))).json()["total"] == 0
    assert messages(deps) == []


async def test_the_dossiers_answer_marks_its_rounds_demand_answered_once(
    client: httpx.AsyncClient, deps: NotifierDeps, horloge: Horloge
) -> None:
    premiere = await creer(deps, rondeComplements=1)
    horloge.avancer(days=2)
    seconde = await creer(deps, rondeComplements=2)
    await client.get(f"/notifications/{seconde}", headers=headers(SEPT))
    envoi = horloge.avancer(hours=3)

    def noter(r: Any) -> Any:
        return noter_reponse(repositories=r, dossier_id="dossier-1", ronde=2, repondue_le=envoi)

    assert (await deps.uow.run_async(noter)).id == seconde
    horloge.avancer(hours=3)
    assert (await deps.uow.run_async(noter)).repondue_le == envoi  # the event again: once
    lue = (await client.get(f"/notifications/{seconde}", headers=headers(SEPT))).json()
    autre = (await client.get(f"/notifications/{premiere}", headers=headers(AGENT_59))).json()

    assert (lue["etat"], lue["libelle"], lue["mention"]) == (
        "repondue",
        "Demande de complément répondu",
        "Répondu le 14/09/2023",
    )
    assert not lue["attendReponse"] and lue["ronde"] == 2
    assert lue["contenu"]["objet"] == "Demande de compléments n° 2"
    assert autre["etat"] == "non-lue" and autre["attendReponse"]
    assert events(deps).count("notifier.notification.repondue") == 1
    assert (await client.post(f"/notifications/{seconde}/reponse", headers=headers(SEPT))).status_code in {
        404,
        405,
    }  # the site has no second call to remember


async def test_the_deadline_is_the_models_delay_from_the_opening(
    client: httpx.AsyncClient, deps: NotifierDeps, horloge: Horloge
) -> None:
    delais = {**DELAIS, "reponseComplements": "P45D"}
    notification_id = await creer(deps, rondeComplements=1, delais=delais)
    fermee = (await client.get(f"/notifications/{notification_id}", headers=headers(AGENT_59))).json()
    horloge.avancer(days=3, hours=15)  # 12/09 08:00 UTC + 3 d 15 h: 15/09 at 23:00 UTC, the 16th in Paris
    ouverte = (await client.get(f"/notifications/{notification_id}", headers=headers(SEPT))).json()

    assert fermee["dateLimiteReponse"] is None
    assert ouverte["dateLimiteReponse"] == "2023-10-31"  # 16/09 + 45 days
    assert "dans un délai de 45 jours" in ouverte["contenu"]["avertissement"]


async def test_attachments_are_the_documents_services_ids(
    client: httpx.AsyncClient, deps: NotifierDeps
) -> None:
    document = {"id": "doc-7", "modele": "attestation-prolongation", "nomFichier": "attestation.pdf"}
    notification_id = await creer(deps, Modele.ATTESTATION_PROLONGATION, document=document)

    response = await client.get(f"/notifications/{notification_id}/pieces-jointes", headers=headers(SEPT))

    assert response.json() == [
        {"documentId": "doc-7", "nomFichier": "attestation.pdf", "modele": "attestation-prolongation"}
    ]


async def test_internal_calls_need_an_actor_token(client: httpx.AsyncClient) -> None:
    anonymous = await client.get("/notifications")
    declared = await client.get("/notifications", headers={"X-Acteur": f"demandeur:{SEPT.id}"})

    detail = {"detail": "Jeton d'acteur absent, invalide ou expiré."}
    assert (anonymous.status_code, anonymous.json()) == (401, detail)
    assert (declared.status_code, declared.json()) == (401, detail)


async def test_dead_letters_are_for_administrators(client: httpx.AsyncClient, deps: NotifierDeps) -> None:
    with deps.uow.transaction() as repositories:
        abandonner(repositories.registre, "k", 12, deps.clock.now())

    listed = await client.get("/courriels/echecs", headers=headers(ADMIN))
    refused = await client.get("/courriels/echecs", headers=headers(SEPT))
    replay = await client.post("/courriels/echecs/999/rejeu", headers=headers(PLATEFORME))

    assert [e["idempotence"] for e in listed.json()] == ["k"] and "destinataire" not in listed.json()[0]
    assert (refused.status_code, refused.json()) == (403, {"detail": "Accès réservé aux administrateurs."})
    assert replay.status_code == 404
    # an id no database integer holds is bad input, not a server error
    huge = await client.post(f"/courriels/echecs/{2**70}/rejeu", headers=headers(PLATEFORME))
    assert huge.status_code == 422 and huge.json()["erreurs"][0]["champ"] == "echec_id"


async def test_a_rounds_demand_is_opened_with_the_bell_in_one_call(
    client: httpx.AsyncClient, deps: NotifierDeps, horloge: Horloge
) -> None:
    premiere = await creer(deps, piecesDemandees=[{"piece": "p", "observation": "o"}])
    horloge.avancer(days=1)
    await creer(deps, Modele.ATTESTATION_PROLONGATION)
    horloge.avancer(days=1)
    seconde = await creer(deps, piecesDemandees=[{"piece": "q", "observation": "r"}])
    await creer(deps, dossierId="dossier-2")
    url = "/notifications/demandes-de-complement/ouverture"

    ouverture = await client.get(url, params={"dossier": "dossier-1", "ronde": 2}, headers=headers(SEPT))
    assert ouverture.status_code == 200, ouverture.text
    corps = ouverture.json()
    assert corps["demande"]["id"] == seconde and corps["demande"]["lueLe"] is not None
    assert corps["cloche"]["total"] == 3 and seconde not in [n["id"] for n in corps["cloche"]["elements"]]
    assert len(messages(deps)) == 1  # the acknowledgement of receipt, once
    premiere_ouverte = await client.get(
        url, params={"dossier": "dossier-1", "ronde": 1, "cloche": 1}, headers=headers(SEPT)
    )
    assert premiere_ouverte.json()["demande"]["id"] == premiere
    assert (
        premiere_ouverte.json()["cloche"]["total"] == 2
        and len(premiere_ouverte.json()["cloche"]["elements"]) == 1
    )
    aucune = await client.get(url, params={"dossier": "dossier-1", "ronde": 3}, headers=headers(SEPT))
    assert aucune.json()["demande"] is None
    autre = await client.get(url, params={"dossier": "dossier-1", "ronde": 1}, headers=headers(HUIT))
    assert autre.json() == {
        "demande": None,
        "cloche": {"elements": [], "total": 0, "page": 1, "parPage": 5, "pages": 1},
    }
    assert (
        await client.get(url, params={"dossier": "dossier-1", "ronde": 0}, headers=headers(SEPT))
    ).status_code == 422
