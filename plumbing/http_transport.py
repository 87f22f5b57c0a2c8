"""An httpx transport for the internal APIs: HTTP/1.1 over kept-alive asyncio connections, parsed
by httptools (C), the parser uvicorn uses on the other side.

httpx's own transport (httpcore, h11, anyio) costs about a millisecond of CPU per call on this
machine, more than the call's own work in the service answering it; a page of the applicant site
makes three or four. This one keeps what the typed clients rely on (httpx's requests, responses and
errors: `ConnectError`, `ConnectTimeout`, `ReadTimeout`, `RemoteProtocolError`, all `HTTPError`)
and only does plain HTTP/1.1 to one service: no TLS, no proxies, no HTTP/2, no upgrades.

A request is written at once (its body read whole: the internal APIs take forms, JSON and files the
caller holds in memory already); the answer is read whole too. A connection is reused while the
service keeps it open, at most `keepalive_expiry` seconds after its last answer (under uvicorn's
5 s); one that the service closed while idle is detected before use, and a request that meets a
connection closed under it before any byte of an answer is sent again once on a new connection.
The read timeout runs from the request's sending to the answer's first byte, then between bytes.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import cast

import httptools
import httpx

_SANS_CORPS = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})


class _Fermee(Exception):
    """The service closed the connection before any byte of the answer: the request may be sent again."""


class _Connexion(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.fermee = False
        self.derniere_reponse = time.monotonic()
        self._attente: asyncio.Future[None] | None = None
        self._delai: tuple[asyncio.Timeout, float] | None = None  # the answer's, pushed back by each byte
        self._recu = False
        self._statut = 0
        self._entetes: list[tuple[bytes, bytes]] = []
        self._corps: list[bytes] = []
        self._garder = True

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not asyncio.Transport

    def data_received(self, data: bytes) -> None:
        self._recu = True
        if self._delai is not None:
            minuterie, secondes = self._delai
            minuterie.reschedule(asyncio.get_running_loop().time() + secondes)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as erreur:
            self._echouer(httpx.RemoteProtocolError(f"réponse HTTP illisible ({type(erreur).__name__})"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.fermee = True
        if self._recu:
            self._echouer(httpx.RemoteProtocolError("connexion fermée au milieu de la réponse"))
        else:
            self._echouer(_Fermee())

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self._entetes.append((name, value))

    def on_headers_complete(self) -> None:
        self._statut = self.parser.get_status_code()
        self._garder = self.parser.should_keep_alive()

    def on_body(self, body: bytes) -> None:
        self._corps.append(body)

    def on_message_complete(self) -> None:
        if self._attente is not None and not self._attente.done():
            self._attente.set_result(None)

    def _echouer(self, erreur: Exception) -> None:
        if self._attente is not None and not self._attente.done():
            self._attente.set_exception(erreur)

    async def echanger(
        self, envoi: bytes, delai: float | None
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        assert self.transport is not None
        self._attente = asyncio.get_running_loop().create_future()
        self._recu, self._statut, self._entetes, self._corps = False, 0, [], []
        self.transport.write(envoi)
        async with asyncio.timeout(delai) as minuterie:
            self._delai = None if delai is None else (minuterie, delai)
            try:
                await self._attente
            finally:
                self._delai = None
        self.derniere_reponse = time.monotonic()
        if not self._garder:
            self.fermer()
        return self._statut, self._entetes, b"".join(self._corps)

    def utilisable(self, expiration: float) -> bool:
        transport = self.transport
        return (
            not self.fermee
            and transport is not None
            and not transport.is_closing()
            and time.monotonic() - self.derniere_reponse < expiration
        )

    def fermer(self) -> None:
        self.fermee = True
        if self.transport is not None:
            self.transport.close()


class KeepAliveTransport(httpx.AsyncBaseTransport):
    """Plain HTTP/1.1 to the internal APIs (see the module's docstring); `limits` as httpx's."""

    def __init__(self, limits: httpx.Limits | None = None) -> None:
        limits = limits or httpx.Limits()
        self.max_libres = limits.max_keepalive_connections or 20
        self.expiration = limits.keepalive_expiry if limits.keepalive_expiry is not None else 5.0
        self._libres: dict[tuple[str, int], deque[_Connexion]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme != "http":
            raise httpx.UnsupportedProtocol("seul http:// est pris en charge", request=request)
        delais: dict[str, float | None] = request.extensions.get("timeout", {})
        envoi = _requete(request, await request.aread())
        hote = (request.url.host, request.url.port or 80)
        for essai in (1, 2):
            connexion, reutilisee = await self._connexion(request, hote, delais.get("connect"))
            try:
                statut, entetes, corps = await connexion.echanger(envoi, delais.get("read"))
            except _Fermee:
                connexion.fermer()
                if reutilisee and essai == 1:
                    continue  # closed by the service while idle: once more, on a new connection
                raise httpx.RemoteProtocolError("connexion fermée sans réponse", request=request) from None
            except TimeoutError:
                connexion.fermer()
                raise httpx.ReadTimeout("pas de réponse dans le délai", request=request) from None
            except BaseException:
                connexion.fermer()  # a cancelled or failed exchange leaves the connection unusable
                raise
            self._rendre(hote, connexion)
            return httpx.Response(
                statut,
                headers=entetes,
                stream=httpx.ByteStream(corps),
                extensions={"http_version": b"HTTP/1.1"},
            )
        raise AssertionError("unreachable")

    async def _connexion(
        self, request: httpx.Request, hote: tuple[str, int], delai: float | None
    ) -> tuple[_Connexion, bool]:
        libres = self._libres.get(hote)
        while libres:
            connexion = libres.pop()
            if connexion.utilisable(self.expiration):
                return connexion, True
            connexion.fermer()
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(delai):
                _, connexion = await loop.create_connection(_Connexion, hote[0], hote[1])
        except TimeoutError:
            raise httpx.ConnectTimeout("connexion impossible dans le délai", request=request) from None
        except OSError as erreur:
            raise httpx.ConnectError(
                f"connexion impossible ({type(erreur).__name__})", request=request
            ) from None
        return connexion, False

    def _rendre(self, hote: tuple[str, int], connexion: _Connexion) -> None:
        if connexion.fermee:
            return
        libres = self._libres.setdefault(hote, deque())
        if len(libres) >= self.max_libres:
            connexion.fermer()
            return
        libres.append(connexion)

    async def aclose(self) -> None:
        for libres in self._libres.values():
            for connexion in libres:
                connexion.fermer()
        self._libres.clear()


def _requete(request: httpx.Request, corps: bytes) -> bytes:
    """The request line, the headers and the body, in one buffer (one write, one packet if small)."""
    cible = request.url.raw_path
    lignes = [request.method.encode("ascii"), b" ", cible, b" HTTP/1.1\r\n"]
    for nom, valeur in request.headers.raw:
        if nom.lower() in (b"content-length", b"transfer-encoding"):
            continue  # the body is sent whole: its length is known
        lignes += [nom, b": ", valeur, b"\r\n"]
    if corps or request.method not in _SANS_CORPS:
        lignes.append(b"Content-Length: %d\r\n" % len(corps))
    lignes.append(b"\r\n")
    return b"".join(lignes) + corps
