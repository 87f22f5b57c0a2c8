"""`python -m services.identity`: migrate, then serve the API, the worker, the outbox relay and the
hourly clean-up. (The demo data: `python -m devtools.seed`, in development only.)"""

from __future__ import annotations

import asyncio
import sys

import httpx

from contracts.courriel import STREAM_COURRIELS, SUBJECTS_COURRIELS
from plumbing.health import engine_check, nats_check
from plumbing.job_failures import retry_policy
from plumbing.logs import configure_logging
from plumbing.messaging import close_nats, connect_nats, ensure_stream
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker, create_zeebe_channel
from services.identity.settings import IdentitySettings
from services.identity.tasks import build_task_router
from services.identity.wiring import (
    IdentityParts,
    build_app,
    build_outbox_relay,
    build_parts,
    documents_justificatifs,
    engine_token_router,
    menage_periodique,
    migrate,
)


def main(arguments: list[str]) -> None:
    if arguments:
        raise SystemExit(
            "usage : python -m services.identity (données de démonstration : python -m devtools.seed)"
        )
    settings, platform = IdentitySettings(), PlatformSettings()
    configure_logging("identity", platform.log_level)
    migrate(settings)
    asyncio.run(run(settings, platform))


async def run_service() -> None:
    """Serve a migrated database until SIGINT/SIGTERM, beside other services (`scripts.apps`)."""
    await run(IdentitySettings(), PlatformSettings())


async def run(settings: IdentitySettings, platform: PlatformSettings) -> None:
    http = httpx.AsyncClient(base_url=settings.documents_url, timeout=settings.documents_timeout)
    parts = build_parts(settings, justificatifs=documents_justificatifs(settings, http))
    try:
        await serve_parts(settings, platform, parts)
    finally:
        await http.aclose()


async def serve_parts(settings: IdentitySettings, platform: PlatformSettings, parts: IdentityParts) -> None:
    nats = await connect_nats(platform.nats_url, "identity", settings.nats_password)
    js = nats.jetstream()
    await ensure_stream(js, STREAM_COURRIELS, SUBJECTS_COURRIELS)  # account e-mails go to the notifier
    relay = build_outbox_relay(parts, js)
    channel = create_zeebe_channel(
        platform.zeebe_address, platform.engine_credentials("identity", settings.engine_client_secret)
    )
    worker = create_worker(channel, "identity", [build_task_router(parts)], retry_policy(platform))
    checks = {"nats": nats_check(lambda: nats), "moteur": engine_check(channel)}
    app = build_app(platform, parts, checks, engine_token_router(settings))
    try:
        await serve(app, settings.host, settings.port, worker, [relay.run, lambda: menage_periodique(parts)])
    finally:
        await close_nats(nats)


if __name__ == "__main__":
    main(sys.argv[1:])
