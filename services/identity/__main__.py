"""`python -m services.identity`: migrate, then serve the API, the worker and the outbox relay.
`python -m services.identity seed`: migrate, then load the demo data (idempotent)."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

from contracts.courriel import STREAM_COURRIELS, SUBJECTS_COURRIELS
from plumbing.database import transaction, upgrade_database
from plumbing.health import engine_check, nats_check
from plumbing.logs import configure_logging
from plumbing.messaging import connect_nats, ensure_stream
from plumbing.outbox import OutboxRelay
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker, create_zeebe_channel
from services.identity.app import build_app
from services.identity.demonstration import semer_demonstration
from services.identity.dependances import Dependances, construire_dependances
from services.identity.settings import IdentitySettings
from services.identity.storage.depots import depots_sql
from services.identity.storage.tables import outbox
from services.identity.tasks import build_task_router
from services.identity.usecases.menage import faire_le_menage

MIGRATIONS = Path(__file__).parent / "storage" / "migrations"
VERSION_TABLE = "identity_alembic_version"
STREAM, SUBJECTS = "IDENTITY", ["identity.>"]

log = logging.getLogger("services.identity")


def main(arguments: list[str]) -> None:
    settings, platform = IdentitySettings(), PlatformSettings()
    configure_logging("identity", platform.log_level)
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)
    deps = construire_dependances(settings)
    if arguments == ["seed"]:
        if platform.is_production:
            raise SystemExit(
                "Les comptes de démonstration (mots de passe publiés) sont refusés en production."
            )
        with transaction(deps.transactions.factory) as session:
            compte_rendu = semer_demonstration(depots=depots_sql(session), outils=deps.outils)
        log.info("données de démonstration en place", extra=compte_rendu)
    elif not arguments:
        asyncio.run(run(settings, platform, deps))
    else:
        raise SystemExit("usage : python -m services.identity [seed]")


async def run(settings: IdentitySettings, platform: PlatformSettings, deps: Dependances) -> None:
    nats = await connect_nats(platform.nats_url, "identity")
    js = nats.jetstream()
    await ensure_stream(js, STREAM_COURRIELS, SUBJECTS_COURRIELS)  # account e-mails go to the notifier
    relay = OutboxRelay(outbox, deps.transactions.factory, js, STREAM, SUBJECTS, "identity")
    channel = create_zeebe_channel(platform.zeebe_address)
    worker = create_worker(channel, "identity", [build_task_router(deps)])
    readiness = {"nats": nats_check(lambda: nats), "moteur": engine_check(channel)}
    app = build_app(settings, platform, deps, readiness)
    try:
        await serve(app, settings.host, settings.port, worker, [relay.run, lambda: menage_periodique(deps)])
    finally:
        await nats.close()


async def menage_periodique(deps: Dependances, intervalle_secondes: float = 3600) -> None:
    """Hourly: expired sessions and links, stale guess counters."""
    while True:
        try:
            compte_rendu = await asyncio.to_thread(_faire_le_menage, deps)
            log.info("ménage effectué", extra=compte_rendu)
        except Exception:
            log.exception("ménage en échec, nouvel essai plus tard")
        await asyncio.sleep(intervalle_secondes)


def _faire_le_menage(deps: Dependances) -> dict[str, int]:
    with deps.transactions() as depots:
        return faire_le_menage(depots=depots, outils=deps.outils)


if __name__ == "__main__":
    main(sys.argv[1:])
