"""ClamAV's daemon as `domain.antivirus.Antivirus`: the INSTREAM command over TCP or a unix socket.

The file is sent in chunks, each preceded by its length (4 bytes, big-endian), then an empty chunk;
clamd answers `stream: OK`, `stream: <signature> FOUND`, or an error (`... ERROR`).
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from services.documents.domain.antivirus import indisponible

log = logging.getLogger(__name__)
BLOC = 64 * 1024
DELAI_S = 30.0  # a 10 Mo file takes clamd well under a second with the official signatures


class ClamdAntivirus:
    def __init__(self, adresse: str, delai_s: float = DELAI_S) -> None:
        """`adresse`: `tcp://host:port` or `unix:///path/clamd.ctl` (a bare `host:port` means TCP)."""
        self.adresse = adresse if "://" in adresse else f"tcp://{adresse}"
        self.delai_s = delai_s

    async def analyser(self, contenu: bytes) -> str | None:
        try:
            reponse = await asyncio.wait_for(self._instream(contenu), self.delai_s)
        except (OSError, TimeoutError, asyncio.IncompleteReadError) as erreur:
            log.error("antivirus injoignable", extra={"erreur": type(erreur).__name__})
            raise indisponible() from None
        resultat = reponse.removeprefix("stream:").strip()
        if resultat == "OK":
            return None
        if resultat.endswith(" FOUND"):
            return resultat.removesuffix(" FOUND")
        log.error("réponse inattendue de l'antivirus", extra={"reponse": resultat[:200]})
        raise indisponible()

    async def _instream(self, contenu: bytes) -> str:
        lecteur, ecrivain = await self._connecter()
        try:
            ecrivain.write(b"zINSTREAM\0")
            for debut in range(0, len(contenu), BLOC):
                bloc = contenu[debut : debut + BLOC]
                ecrivain.write(len(bloc).to_bytes(4, "big") + bloc)
                await ecrivain.drain()
            ecrivain.write(b"\0\0\0\0")
            await ecrivain.drain()
            return (await lecteur.readuntil(b"\0")).rstrip(b"\0").decode(errors="replace")
        finally:
            ecrivain.close()

    async def _connecter(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        adresse = urlsplit(self.adresse)
        if adresse.scheme == "unix":
            return await asyncio.open_unix_connection(adresse.path)
        if adresse.scheme != "tcp" or adresse.hostname is None or adresse.port is None:
            raise OSError(f"adresse clamd invalide : {self.adresse}")
        return await asyncio.open_connection(adresse.hostname, adresse.port)
