"""The sink's SMTP side: aiosmtpd in the running event loop, every accepted mail kept on disk."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.smtp import SMTP

from devtools.smtp_sink.boite import BoiteAuxLettres

log = logging.getLogger(__name__)


class Conservation:
    """aiosmtpd handler: accept everything, keep it (ids only in the logs)."""

    def __init__(self, boite: BoiteAuxLettres) -> None:
        self.boite = boite

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        mail_id = await asyncio.to_thread(self.boite.enregistrer, envelope.content, list(envelope.rcpt_tos))
        log.info("courriel reçu", extra={"mail": mail_id, "destinataires": len(envelope.rcpt_tos)})
        return "250 Message accepted for delivery"


async def demarrer_smtp(boite: BoiteAuxLettres, host: str, port: int) -> asyncio.AbstractServer:
    loop = asyncio.get_running_loop()
    handler = Conservation(boite)
    return await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink", enable_SMTPUTF8=True), host, port
    )
