"""`python -m devtools.smtp_sink`: the SMTP sink of `make run`, with its web page."""

from __future__ import annotations

import asyncio
import logging

from devtools.smtp_sink.boite import BoiteAuxLettres
from devtools.smtp_sink.serveur import demarrer_smtp
from devtools.smtp_sink.settings import SmtpSinkSettings
from devtools.smtp_sink.web import build_sink_app
from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings


def main() -> None:
    configure_logging("smtp-sink", PlatformSettings().log_level)
    asyncio.run(run_service())


async def run_service() -> None:
    """Serve until SIGINT/SIGTERM (alone, or beside the services in `scripts.apps`)."""
    settings = SmtpSinkSettings()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every recipient address
    boite = BoiteAuxLettres(settings.mails_directory)
    smtp = await demarrer_smtp(boite, settings.host, settings.port)
    try:
        await serve(build_sink_app(boite), settings.host, settings.web_port)
    finally:
        smtp.close()
        await smtp.wait_closed()


if __name__ == "__main__":
    main()
