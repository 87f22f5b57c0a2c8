"""The durable e-mail queue against a real JetStream and a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import nats
import pytest
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from sqlalchemy import select

from contracts.clients.documents import DocumentsClient
from contracts.courriel import (
    STREAM_COURRIELS,
    SUBJECTS_COURRIELS,
    DemandeCourriel,
    ModeleCourriel,
    sujet_demande_courriel,
)
from contracts.process import Modele
from plumbing.actors import Actor
from plumbing.messaging import message_headers
from plumbing.outbox import OutboxRelay
from services.notifier.adapters.documents import DocumentsPiecesJointes
from services.notifier.adapters.file_courriels import CONSUMER, FileCourriels, preparer_flux, rejouer
from services.notifier.adapters.rendu import JinjaRedacteur
from services.notifier.adapters.smtp import ConfigurationSmtp, SmtpRelais
from services.notifier.domain.courriels import Issue, PolitiqueReessai
from services.notifier.storage.tables import outbox
from services.notifier.usecases.courriels import EnvoiCourriels, Resultat
from services.notifier.wiring import NotifierDeps
from tests.services.notifier.conftest import ServeurSmtp, executer_job, make_job
from tests.support.actor_tokens import TEST_TOKENS

pytestmark = pytest.mark.integration

RAPIDE = PolitiqueReessai(delai_initial=0.05, delai_maximum=0.2, livraisons_max=50)


@pytest.fixture
async def js(nats_url: str) -> AsyncIterator[JetStreamContext]:
    """A clean e-mail stream on the session's nats-server."""
    client = await nats.connect(nats_url)
    context = client.jetstream()
    with contextlib.suppress(NotFoundError):
        await context.delete_stream(STREAM_COURRIELS)
    await preparer_flux(context)
    yield context
    await client.close()


@dataclass
class Consommateur:
    """A running `FileCourriels` whose every outcome the test awaits in turn."""

    file: FileCourriels
    issues: asyncio.Queue[Resultat]
    task: asyncio.Task[None] | None = None

    def demarrer(self) -> None:
        self.task = asyncio.create_task(self.file.run(attente=0.2))

    async def arreter(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)

    async def issue(self) -> Issue:
        async with asyncio.timeout(15):
            return (await self.issues.get()).issue


@pytest.fixture
async def consommateurs(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp
) -> AsyncIterator[list[Consommateur]]:
    started: list[Consommateur] = []
    yield started
    for consommateur in started:
        await consommateur.arreter()


def consommateur(
    js: JetStreamContext,
    deps: NotifierDeps,
    serveur: ServeurSmtp,
    started: list[Consommateur],
    politique: PolitiqueReessai = RAPIDE,
    documents: DocumentsPiecesJointes | None = None,
) -> Consommateur:
    issues: asyncio.Queue[Resultat] = asyncio.Queue()
    relais = SmtpRelais(ConfigurationSmtp(host="127.0.0.1", port=serveur.port, timeout=5))
    envoi = EnvoiCourriels(deps.uow, JinjaRedacteur(), relais, politique, deps.clock, documents)
    created = Consommateur(
        FileCourriels(js, envoi, politique, ack_wait=1.0, observateur=issues.put_nowait), issues
    )
    created.demarrer()
    started.append(created)
    return created


async def publier(js: JetStreamContext, demande: DemandeCourriel, message_id: str) -> None:
    """As the identity service's outbox relay does."""
    await js.publish(
        sujet_demande_courriel("identity"),
        demande.model_dump_json().encode(),
        headers=message_headers(message_id),
    )


CONFIRMATION = DemandeCourriel(
    modele="confirmation-compte",
    destinataire="septetranger@yopmail.com",
    donnees={"lien": "https://anef.example/confirmer?jeton=abc", "expiration": "2023-08-18T12:30:00Z"},
    idempotence="confirmation-compte-1",
)


async def test_an_account_e_mail_is_sent_and_acknowledged(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp, consommateurs: list[Consommateur]
) -> None:
    serveur_smtp.demarrer()
    running = consommateur(js, deps, serveur_smtp, consommateurs)

    await publier(js, CONFIRMATION, "identity-1")

    mail = await serveur_smtp.boite.suivant()
    assert await running.issue() is Issue.ENVOYE
    assert mail["To"] == "septetranger@yopmail.com"
    assert mail["Subject"] == "ANEF - Confirmation de votre adresse email"
    text = mail.get_body(preferencelist=("plain",))
    html = mail.get_body(preferencelist=("html",))
    assert (
        text is not None
        and "Confirmer mon adresse email : https://anef.example/confirmer?jeton=abc" in text.get_content()
    )
    assert html is not None and "Confirmer mon adresse email</a>" in html.get_content()
    info = await js.consumer_info(STREAM_COURRIELS, CONSUMER)
    assert (info.num_pending, info.num_ack_pending) == (0, 0)


async def test_relay_down_then_up_the_mail_arrives_exactly_once(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp, consommateurs: list[Consommateur]
) -> None:
    first = consommateur(js, deps, serveur_smtp, consommateurs)
    await publier(js, CONFIRMATION, "identity-1")
    assert [await first.issue(), await first.issue()] == [Issue.REESSAI, Issue.REESSAI]

    await first.arreter()  # the notifier stops meanwhile: the message waits in the stream (ack_wait)
    serveur_smtp.demarrer()
    second = consommateur(js, deps, serveur_smtp, consommateurs)
    assert await second.issue() is Issue.ENVOYE

    await publier(js, CONFIRMATION, "identity-1")  # JetStream drops the same message id
    await publier(js, CONFIRMATION, "identity-2")  # a new copy of the same request: sent already
    assert await second.issue() is Issue.DOUBLON
    info = await js.consumer_info(STREAM_COURRIELS, CONSUMER)
    assert (info.num_pending, info.num_ack_pending) == (0, 0)
    assert len(serveur_smtp.boite.recus) == 1


async def test_after_the_last_delivery_a_dead_letter_is_kept_and_can_be_replayed(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp, consommateurs: list[Consommateur]
) -> None:
    politique = PolitiqueReessai(delai_initial=0.05, delai_maximum=0.1, livraisons_max=3)
    running = consommateur(js, deps, serveur_smtp, consommateurs, politique)
    await publier(js, CONFIRMATION, "identity-1")

    assert [await running.issue() for _ in range(3)] == [Issue.REESSAI, Issue.REESSAI, Issue.ABANDON]
    [echec] = deps.uow.run(lambda r: r.registre.en_echec())
    assert (echec.idempotence, echec.livraisons, echec.modele) == (
        "confirmation-compte-1",
        3,
        "confirmation-compte",
    )
    assert "yopmail" not in echec.erreur

    serveur_smtp.demarrer()
    replay = deps.uow.run(lambda r: r.registre.a_rejouer(echec.id))
    assert replay is not None
    await rejouer(js, echec.id, *replay)
    assert await running.issue() is Issue.ENVOYE
    assert len(serveur_smtp.boite.recus) == 1


async def test_requests_that_can_never_be_sent_become_dead_letters_at_once(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp, consommateurs: list[Consommateur]
) -> None:
    serveur_smtp.boite.refuses.add("inconnu@yopmail.com")
    serveur_smtp.demarrer()
    running = consommateur(js, deps, serveur_smtp, consommateurs)

    await js.publish(sujet_demande_courriel("identity"), b"{pas du json", headers=message_headers("x-1"))
    refused = CONFIRMATION.model_copy(update={"destinataire": "inconnu@yopmail.com", "idempotence": "k2"})
    await publier(js, refused, "x-2")
    no_link = CONFIRMATION.model_copy(update={"donnees": {}, "idempotence": "k3"})
    await publier(js, no_link, "x-3")

    assert [await running.issue() for _ in range(3)] == [Issue.ABANDON] * 3
    errors = sorted(e.erreur for e in deps.uow.run(lambda r: r.registre.en_echec()))
    assert errors == ["CourrielRefuse", "demande invalide ()", "données manquantes : lien"]
    assert serveur_smtp.boite.recus == []


async def test_the_job_e_mail_goes_from_the_outbox_to_the_applicant(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp, consommateurs: list[Consommateur]
) -> None:
    serveur_smtp.demarrer()
    running = consommateur(js, deps, serveur_smtp, consommateurs)
    job = make_job(Modele.ATTESTATION_PROLONGATION)
    await executer_job(deps, job)
    await executer_job(deps, job)  # delivered twice by the engine
    relay = OutboxRelay(outbox, deps.sessions, js, "NOTIFIER_TEST", ["notifier.notification.>"], "notifier")
    await preparer_flux(js)
    await js.add_stream(name="NOTIFIER_TEST", subjects=["notifier.notification.>"])

    try:
        assert await relay.relay_pending() == 2
        mail = await serveur_smtp.boite.suivant()
        assert await running.issue() is Issue.ENVOYE
    finally:
        await js.delete_stream("NOTIFIER_TEST")
    assert mail["Subject"] == "ANEF - Vous venez de recevoir une notification"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n").startswith(
        "Bonjour,\n\nVous venez de recevoir une notification, elle est accessible depuis votre espace personnel"
    )
    assert len(serveur_smtp.boite.recus) == 1


async def test_the_queue_keeps_a_request_a_week_at_most(js: JetStreamContext) -> None:
    """Addresses, names and reset links do not stay in the stream once delivered."""
    await js.update_stream(name=STREAM_COURRIELS, subjects=SUBJECTS_COURRIELS, max_age=0)  # as before
    await preparer_flux(js)

    info = await js.stream_info(STREAM_COURRIELS)
    assert info.config.max_age == 7 * 24 * 3600


def documents_de(http: httpx.AsyncClient) -> DocumentsPiecesJointes:
    return DocumentsPiecesJointes(DocumentsClient(http, TEST_TOKENS, Actor("service", "notifier")))


class ServiceDocuments:
    """The documents service's download route, answering 503 until it is "up"."""

    def __init__(self) -> None:
        self.disponible = False
        self.chemins: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.chemins.append(request.url.path)
        if not self.disponible:
            return httpx.Response(503, json={"detail": "Service indisponible."})
        if request.url.path.endswith("/inconnu"):
            return httpx.Response(404, json={"detail": "Document introuvable."})
        return httpx.Response(
            200, content=b"%PDF-1.7 confirmation", headers={"content-type": "application/pdf"}
        )


async def test_the_deposit_e_mail_carries_the_confirmation_pdf(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp, consommateurs: list[Consommateur]
) -> None:
    service = ServiceDocuments()
    client = httpx.AsyncClient(transport=httpx.MockTransport(service), base_url="http://documents")
    serveur_smtp.demarrer()
    running = consommateur(js, deps, serveur_smtp, consommateurs, documents=documents_de(client))
    job = make_job(
        Modele.CONFIRMATION_DEPOT,
        document={"id": "doc-1", "modele": "confirmation-depot", "nomFichier": "confirmation-depot.pdf"},
    )
    await executer_job(deps, job)
    [demande] = [
        row.payload for row in outbox_rows(deps) if row.subject == sujet_demande_courriel("notifier")
    ]
    await js.publish(
        sujet_demande_courriel("notifier"), json.dumps(demande).encode(), headers=message_headers("depot-1")
    )

    assert await running.issue() is Issue.REESSAI  # documents unavailable: the e-mail waits
    service.disponible = True
    assert await running.issue() is Issue.ENVOYE
    mail = await serveur_smtp.boite.suivant()
    await client.aclose()

    [attachment] = list(mail.iter_attachments())
    assert (attachment.get_filename(), attachment.get_content_type()) == (
        "confirmation-depot.pdf",
        "application/pdf",
    )
    assert attachment.get_content() == b"%PDF-1.7 confirmation"
    assert service.chemins[-1] == "/dossiers/dossier-1/documents-generes/doc-1"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and "à télécharger depuis votre espace personnel" not in body.get_content()


async def test_a_missing_document_does_not_hold_the_e_mail_back(
    js: JetStreamContext, deps: NotifierDeps, serveur_smtp: ServeurSmtp, consommateurs: list[Consommateur]
) -> None:
    service = ServiceDocuments()
    service.disponible = True
    client = httpx.AsyncClient(transport=httpx.MockTransport(service), base_url="http://documents")
    serveur_smtp.demarrer()
    running = consommateur(js, deps, serveur_smtp, consommateurs, documents=documents_de(client))
    demande = {
        "modele": "confirmation-depot",
        "destinataire": "septetranger@yopmail.com",
        "donnees": {"prenoms": "SEPT", "nom": "ETRANGER", "lien": "http://127.0.0.1:8000/connexion"},
        "idempotence": "depot-2",
        "piecesJointes": [{"dossierId": "d", "documentId": "inconnu"}],
        "dossierId": "d",
    }
    await js.publish(
        sujet_demande_courriel("notifier"), json.dumps(demande).encode(), headers=message_headers("depot-2")
    )

    assert await running.issue() is Issue.ENVOYE
    mail = await serveur_smtp.boite.suivant()
    await client.aclose()
    assert list(mail.iter_attachments()) == []
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and "à télécharger depuis votre espace personnel" in body.get_content()


def outbox_rows(deps: NotifierDeps) -> list[Any]:
    with deps.sessions() as session:
        return list(session.execute(select(outbox).order_by(outbox.c.id)))


def enregistrements_avec(caplog: pytest.LogCaptureFixture, texte: str) -> list[str]:
    """Log records that mention `texte` in their message or any of their fields."""
    return [r.getMessage() for r in caplog.records if texte in f"{r.getMessage()} {vars(r)}"]


async def test_a_request_naming_another_dossier_s_document_is_not_sent(
    js: JetStreamContext,
    deps: NotifierDeps,
    serveur_smtp: ServeurSmtp,
    consommateurs: list[Consommateur],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The attack: the deposit e-mail of dossier A, to A's address, carrying dossier B's PDF."""
    service = ServiceDocuments()
    service.disponible = True
    client = httpx.AsyncClient(transport=httpx.MockTransport(service), base_url="http://documents")
    serveur_smtp.demarrer()
    running = consommateur(js, deps, serveur_smtp, consommateurs, documents=documents_de(client))
    demande = {
        "modele": "confirmation-depot",
        "destinataire": "victime@yopmail.com",
        "donnees": {"prenoms": "SEPT", "nom": "ETRANGER", "lien": "http://127.0.0.1:8000/connexion"},
        "idempotence": "depot-autre-dossier",
        "dossierId": "dossier-a",
        "piecesJointes": [{"dossierId": "dossier-b", "documentId": "doc-b"}],
    }
    await js.publish(
        sujet_demande_courriel("notifier"), json.dumps(demande).encode(), headers=message_headers("autre-1")
    )

    assert await running.issue() is Issue.ABANDON
    await client.aclose()
    assert serveur_smtp.boite.recus == []
    assert service.chemins == []  # dossier B's document was never even read
    [echec] = deps.uow.run(lambda r: r.registre.en_echec())
    assert echec.erreur == "pièce jointe d'un autre dossier que celui de la demande"
    assert enregistrements_avec(caplog, "courriel abandonné")
    assert not enregistrements_avec(caplog, "victime@yopmail.com")


@pytest.mark.parametrize(
    ("sujet", "modele", "erreur"),
    [
        (sujet_demande_courriel("identity"), "confirmation-depot", "modèle non autorisé pour identity"),
        (sujet_demande_courriel("notifier"), "confirmation-compte", "modèle non autorisé pour notifier"),
        ("notifier.courriel.demande", "notification", "expéditeur inconnu"),
        ("notifier.courriel.demande.gateway", "notification", "expéditeur inconnu"),
    ],
)
async def test_a_service_asks_only_for_its_own_templates(
    js: JetStreamContext,
    deps: NotifierDeps,
    serveur_smtp: ServeurSmtp,
    consommateurs: list[Consommateur],
    sujet: str,
    modele: str,
    erreur: str,
) -> None:
    serveur_smtp.demarrer()
    running = consommateur(js, deps, serveur_smtp, consommateurs)
    demande = CONFIRMATION.model_copy(update={"modele": ModeleCourriel(modele), "idempotence": "hameconnage"})

    await js.publish(sujet, demande.model_dump_json().encode(), headers=message_headers("h-1"))

    assert await running.issue() is Issue.ABANDON
    assert serveur_smtp.boite.recus == []
    assert [e.erreur for e in deps.uow.run(lambda r: r.registre.en_echec())] == [erreur]
