"""NATS as `make run` configures it (`scripts.nats_config`): nobody connects without credentials,
each service publishes only on its own subjects yet can do all its work, and JetStream's files keep
no applicant's address in clear."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import nats
import pytest
from nats.aio.client import Client
from nats.js.api import AckPolicy, ConsumerConfig
from nats.js.errors import NotFoundError

from contracts.courriel import STREAM_COURRIELS, SUBJECTS_COURRIELS, sujet_demande_courriel
from contracts.dossier import STREAM_DOSSIER, SUBJECTS_DOSSIER
from contracts.notifier import STREAM_NOTIFIER, SUBJECTS_NOTIFIER
from plumbing.messaging import connect_nats, ensure_stream, inbox_prefix, publish_event
from services.documents.adapters.blobs_nats import NatsBlobStore
from services.notifier.adapters.evenements_dossier import CONSUMER as CONSUMER_COMPLEMENTS
from services.notifier.adapters.file_courriels import CONSUMER as CONSUMER_COURRIELS
from tests.support.nats import NatsServer

pytestmark = pytest.mark.integration

PHISHING = {
    "modele": "notification",
    "destinataire": "victime@yopmail.com",
    "donnees": {"lien": "https://anef-securite.example/connexion"},
    "idempotence": "hameconnage-1",
}


FLUX_DES_SERVICES = (
    "IDENTITY",
    STREAM_DOSSIER,
    "DOCUMENTS",
    "OBJ_documents",
    STREAM_NOTIFIER,
    STREAM_COURRIELS,
    "ENGINE_RECORDS",
)


@pytest.fixture(autouse=True)
async def serveur_laisse_vide(nats_url: str) -> AsyncIterator[None]:
    """The session's server is shared: the services' streams these tests write into are removed
    after each, so that a later test reading one from its start finds only its own messages."""
    yield
    client = await nats.connect(nats_url)
    try:
        for stream in FLUX_DES_SERVICES:
            with contextlib.suppress(NotFoundError):
                await client.jetstream().delete_stream(stream)
    finally:
        await client.close()


async def refusee(url: str, **options: str) -> str:
    """The server's refusal of a connection (its message), or fail if it was accepted."""
    client = Client()
    try:
        with pytest.raises(nats.errors.Error) as refus:
            await client.connect(url, allow_reconnect=False, max_reconnect_attempts=0, **options)  # type: ignore[arg-type]
    finally:
        await client.close()  # the refused connection's socket too
    return str(refus.value)


async def test_an_anonymous_client_or_a_wrong_password_is_refused(nats_server: NatsServer) -> None:
    assert "Authorization Violation" in await refusee(nats_server.url)
    assert "Authorization Violation" in await refusee(nats_server.url, user="notifier", password="devine")
    assert "Authorization Violation" in await refusee(nats_server.url, user="gateway", password="x")


class Connexion:
    """A service's connection, recording the server's permission refusals."""

    def __init__(self) -> None:
        self.refus: list[str] = []
        self.client: Client | None = None

    async def ouvrir(self, server: NatsServer, utilisateur: str) -> Client:
        async def noter(error: Exception) -> None:
            self.refus.append(str(error))

        self.client = await nats.connect(
            server.url,
            user=utilisateur,
            password=server.mots_de_passe[utilisateur],
            inbox_prefix=inbox_prefix(utilisateur),
            error_cb=noter,
        )
        return self.client


@pytest.fixture
async def connexion() -> AsyncIterator[Connexion]:
    created = Connexion()
    yield created
    if created.client is not None:
        await created.client.close()


@pytest.mark.parametrize(
    ("utilisateur", "sujet"),
    [
        ("identity", sujet_demande_courriel("notifier")),  # the notifier's templates, with attachments
        ("dossier", sujet_demande_courriel("identity")),
        ("documents", "notifier.courriel.demande"),
        ("engine", sujet_demande_courriel("notifier")),
    ],
)
async def test_a_service_cannot_ask_for_an_e_mail_in_another_s_name(
    nats_server: NatsServer, nats_url: str, connexion: Connexion, utilisateur: str, sujet: str
) -> None:
    client = await connexion.ouvrir(nats_server, utilisateur)
    essais = await nats.connect(nats_url)
    try:
        await ensure_stream(essais.jetstream(), STREAM_COURRIELS, SUBJECTS_COURRIELS)
        avant = (await essais.jetstream().stream_info(STREAM_COURRIELS)).state.messages

        with pytest.raises(nats.errors.TimeoutError):  # no acknowledgement: the server dropped it
            await client.jetstream().publish(sujet, json.dumps(PHISHING).encode(), timeout=0.5)

        assert any("permissions violation for publish" in r.lower() for r in connexion.refus)
        assert (await essais.jetstream().stream_info(STREAM_COURRIELS)).state.messages == avant
    finally:
        await essais.close()


async def test_a_service_cannot_read_another_s_replies(nats_server: NatsServer, connexion: Connexion) -> None:
    client = await connexion.ouvrir(nats_server, "identity")
    await client.subscribe("_INBOX_notifier.>")
    await client.subscribe("notifier.courriel.>")
    await client.flush()
    await asyncio.sleep(0.2)  # the refusals arrive after the subscriptions

    assert sum("permissions violation for subscription" in r.lower() for r in connexion.refus) == 2


async def test_each_service_does_its_work_with_its_own_rights(nats_server: NatsServer) -> None:
    """What `make run` does, user by user: declaring streams, publishing, consuming, the object store."""
    url = nats_server.url
    identity = await connect_nats(url, "identity", nats_server.mots_de_passe["identity"])
    dossier = await connect_nats(url, "dossier", nats_server.mots_de_passe["dossier"])
    documents = await connect_nats(url, "documents", nats_server.mots_de_passe["documents"])
    notifier = await connect_nats(url, "notifier", nats_server.mots_de_passe["notifier"])
    engine = await connect_nats(url, "engine", nats_server.mots_de_passe["engine"])
    try:
        js = identity.jetstream()
        await ensure_stream(js, "IDENTITY", ["identity.>"])
        await ensure_stream(js, STREAM_COURRIELS, SUBJECTS_COURRIELS)
        idempotence = f"essai-{uuid.uuid4().hex}"
        await publish_event(js, sujet_demande_courriel("identity"), {**PHISHING, "idempotence": idempotence})

        js = dossier.jetstream()
        await ensure_stream(js, STREAM_DOSSIER, SUBJECTS_DOSSIER)
        await publish_event(js, "dossier.dossier.complements-deposes", {"dossierId": "d-1"})

        js = notifier.jetstream()
        for stream, sujet, durable in [
            (STREAM_COURRIELS, SUBJECTS_COURRIELS[0], CONSUMER_COURRIELS),
            (STREAM_DOSSIER, "dossier.dossier.complements-deposes", CONSUMER_COMPLEMENTS),
        ]:
            config = ConsumerConfig(ack_policy=AckPolicy.EXPLICIT)
            abonnement = await js.pull_subscribe(sujet, durable=durable, stream=stream, config=config)
            lus = await abonnement.fetch(100, timeout=5)
            for message in lus:
                await message.ack_sync(timeout=5)
            assert lus
        await publish_event(js, sujet_demande_courriel("notifier"), {"idempotence": "n-1"})
        await ensure_stream(js, STREAM_NOTIFIER, SUBJECTS_NOTIFIER)
        await publish_event(js, "notifier.notification.creee", {"notificationId": "n-1"})

        magasin = NatsBlobStore(documents.jetstream(), "documents")
        await magasin.put("a" * 64, b"%PDF-1.7")
        assert b"".join([bloc async for bloc in magasin.read("a" * 64)]) == b"%PDF-1.7"
        assert await magasin.exists("a" * 64)
        await magasin.delete("a" * 64)
        await ensure_stream(documents.jetstream(), "DOCUMENTS", ["documents.>"])
        await publish_event(documents.jetstream(), "documents.document.depose", {"dossierId": "d-1"})

        js = engine.jetstream()
        await js.add_stream(name="ENGINE_RECORDS", subjects=["engine.record.>"])
        await js.publish("engine.record.VARIABLE.CREATED", b"{}")
    finally:
        for client in (identity, dossier, documents, notifier, engine):
            await client.close()


async def test_jetstream_files_keep_no_applicant_address_in_clear(
    nats_server: NatsServer, nats_url: str
) -> None:
    adresse = f"chiffre-{uuid.uuid4().hex[:12]}@yopmail.com"
    client = await nats.connect(nats_url)
    try:
        js = client.jetstream()
        await ensure_stream(js, STREAM_COURRIELS, SUBJECTS_COURRIELS)
        demande = {**PHISHING, "destinataire": adresse, "idempotence": adresse}
        await publish_event(js, sujet_demande_courriel("identity"), demande)
        stored = (await js.get_last_msg(STREAM_COURRIELS, sujet_demande_courriel("identity"))).data
        assert adresse.encode() in (stored or b"")  # a client reads it back
    finally:
        await client.close()

    contenant = await asyncio.to_thread(fichiers_contenant, nats_server.store, STREAM_COURRIELS, adresse)
    assert contenant == []


def fichiers_contenant(store: Path, stream: str, texte: str) -> list[Path]:
    """JetStream's files holding `texte`, once the server has written the stream's messages out."""
    for _ in range(50):
        if any(f.stat().st_size for f in store.rglob(f"jetstream/*/streams/{stream}/msgs/*.blk")):
            time.sleep(0.3)  # the last write of the batch
            return [f for f in store.rglob("*") if f.is_file() and texte.encode() in f.read_bytes()]
        time.sleep(0.1)
    raise AssertionError("JetStream n'a rien écrit")
