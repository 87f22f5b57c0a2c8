"""`python -m services.pdf`: the internal API and the `pdf.generer` worker in one process."""

from __future__ import annotations

import asyncio
import logging

from plumbing.health import engine_check
from plumbing.job_failures import retry_policy
from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker, create_zeebe_channel
from services.pdf.settings import PdfSettings
from services.pdf.wiring import build_app, generation_documents, task_router


async def run(settings: PdfSettings, platform: PlatformSettings) -> None:
    async with generation_documents(settings, platform) as generation:
        channel = create_zeebe_channel(
            platform.zeebe_address, platform.engine_credentials("pdf", settings.engine_client_secret)
        )
        worker = create_worker(channel, "pdf", [task_router(generation)], retry_policy(platform))
        app = build_app(platform, generation, readiness={"moteur": engine_check(channel)})
        try:
            await serve(app, settings.host, settings.port, worker=worker)
        finally:
            await channel.close()


async def run_service() -> None:
    """Serve until SIGINT/SIGTERM, beside other services (`scripts.apps`)."""
    await run(PdfSettings(), PlatformSettings())


def main() -> None:
    settings, platform = PdfSettings(), PlatformSettings()
    configure_logging("pdf", platform.log_level)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per rendering step
    asyncio.run(run(settings, platform))


if __name__ == "__main__":
    main()
