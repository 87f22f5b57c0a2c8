"""`python -m services.notifier`: the API, the job worker, the e-mail queue and the relays."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pyzeebe import ZeebeClient

from contracts.notifier import STREAM_NOTIFIER, SUBJECTS_NOTIFIER
from plumbing.actors import Actor
from plumbing.database import upgrade_database
from plumbing.health import engine_check, nats_check
from plumbing.http_client import create_internal_client
from plumbing.logs import configure_logging
from plumbing.messaging import connect_nats
from plumbing.outbox import OutboxRelay
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker, create_zeebe_channel
from services.notifier.app import build_app, build_dependances
from services.notifier.courriels.documents import HttpDocuments
from services.notifier.courriels.file import FileCourriels, preparer_flux, rejouer
from services.notifier.courriels.rendu import JinjaRedacteur
from services.notifier.courriels.smtp import SmtpRelais
from services.notifier.moteur import RelaisMessagesMoteur, ZeebePublicateur
from services.notifier.settings import NotifierSettings
from services.notifier.storage.messages import SqlFileMessagesMoteur
from services.notifier.storage.tables import outbox
from services.notifier.tasks import build_task_router
from services.notifier.usecases.courriels import EnvoiCourriels

MIGRATIONS = Path(__file__).parent / "storage" / "migrations"
VERSION_TABLE = "notifier_alembic_version"
SERVICE = Actor("service", "notifier")


async def main() -> None:
    platform, settings = PlatformSettings(), NotifierSettings()
    configure_logging("notifier", platform.log_level)
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)
    nats = await connect_nats(platform.nats_url, "notifier")
    js = nats.jetstream()
    await preparer_flux(js)  # before the outbox relay publishes queued e-mails into it
    channel = create_zeebe_channel(platform.zeebe_address)
    deps, database_ready = build_dependances(settings)
    relay = OutboxRelay(outbox, deps.sessions, js, STREAM_NOTIFIER, SUBJECTS_NOTIFIER, "notifier")
    messages = RelaisMessagesMoteur(
        SqlFileMessagesMoteur(deps.sessions),
        ZeebePublicateur(ZeebeClient(channel), settings.message_ttl_ms),
        deps.horloge,
    )
    documents = create_internal_client(
        settings.documents_url, platform.internal_api_token, SERVICE, settings.documents_timeout
    )
    envoi = EnvoiCourriels(
        deps.registre,
        JinjaRedacteur(),
        SmtpRelais(settings.smtp()),
        settings.politique_reessai(),
        deps.horloge,
        HttpDocuments(documents),
    )
    file = FileCourriels(js, envoi, settings.politique_reessai(), ack_wait=settings.courriel_ack_wait)
    deps.signaler_message = messages.signaler
    deps.signaler_outbox = relay.notify

    async def rejouer_courriel(echec_id: int, subject: str, demande: str) -> None:
        await rejouer(js, echec_id, subject, demande)

    deps.rejouer_courriel = rejouer_courriel
    readiness = {
        "database": database_ready,
        "nats": nats_check(lambda: nats),
        "moteur": engine_check(channel),
    }
    app = build_app(settings, platform, deps=deps, readiness=readiness)
    worker = create_worker(channel, "notifier", [build_task_router(deps)])
    try:
        await serve(app, settings.host, settings.port, worker, [relay.run, messages.run, file.run])
    finally:
        await documents.aclose()
        await nats.drain()


if __name__ == "__main__":
    asyncio.run(main())
