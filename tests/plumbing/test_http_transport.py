"""The internal APIs' HTTP transport against a real uvicorn (httptools), as the services run it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
import uvicorn
import uvloop
from fastapi import FastAPI, Request
from fastapi.responses import Response, StreamingResponse

from plumbing.http_transport import KeepAliveTransport
from tests.support.ports import free_port


def service() -> FastAPI:
    app = FastAPI()

    @app.post("/echo/{chemin}")
    async def echo(chemin: str, request: Request) -> Response:
        corps = await request.body()
        entetes = {"x-chemin": chemin, "x-requete": request.url.query, "x-taille": str(len(corps))}
        return Response(corps[:64], media_type="application/octet-stream", headers=entetes)

    @app.get("/morceaux")
    async def morceaux() -> StreamingResponse:
        async def parties() -> AsyncIterator[bytes]:
            for partie in (b"un,", b"deux,", b"trois"):
                yield partie

        return StreamingResponse(parties(), media_type="text/plain")  # chunked

    @app.get("/goutte-a-goutte")
    async def goutte_a_goutte() -> StreamingResponse:
        async def parties() -> AsyncIterator[bytes]:
            for _ in range(4):
                await asyncio.sleep(0.2)
                yield b"goutte;"

        return StreamingResponse(parties(), media_type="text/plain")

    @app.get("/lent")
    async def lent() -> dict[str, str]:
        await asyncio.sleep(2)
        return {"fini": "oui"}

    @app.delete("/rien", status_code=204)
    async def rien() -> Response:
        return Response(status_code=204)

    return app


@asynccontextmanager
async def servi(**options: int) -> AsyncIterator[str]:
    """The service on a free port with uvicorn and httptools, as the stack's services run."""
    port = free_port()
    config = uvicorn.Config(service(), port=port, log_config=None, http="httptools", **options)  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn has no event for it
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def url() -> AsyncIterator[str]:
    async with servi(timeout_keep_alive=1) as adresse:
        yield adresse


def client(url: str, **options: float) -> httpx.AsyncClient:
    limits = httpx.Limits(keepalive_expiry=options.pop("expiry", 4.0))
    return httpx.AsyncClient(base_url=url, transport=KeepAliveTransport(limits), **options)  # type: ignore[arg-type]


async def test_requests_and_answers_go_through_one_kept_alive_connection(url: str) -> None:
    transport = KeepAliveTransport()
    async with httpx.AsyncClient(base_url=url, transport=transport) as http:
        gros = bytes(range(256)) * 40_000  # 10 MB, as a piece's file
        for _ in range(3):
            reponse = await http.post("/echo/a%20b", params={"q": "é"}, content=gros)
            assert reponse.status_code == 200 and reponse.content == gros[:64]
            assert reponse.headers["x-taille"] == str(len(gros)) and reponse.headers["x-chemin"] == "a b"
            assert reponse.headers["x-requete"] == "q=%C3%A9"
        fichier = {"f": ("n.pdf", b"%PDF-1.7", "application/pdf")}
        formulaire = await http.post("/echo/f", data={"a": "1"}, files=fichier)
        assert formulaire.status_code == 200 and int(formulaire.headers["x-taille"]) > 100
        assert (await http.get("/morceaux")).text == "un,deux,trois"
        assert (await http.delete("/rien")).status_code == 204
        assert (await http.get("/absent")).status_code == 404
        assert sum(len(libres) for libres in transport._libres.values()) == 1


async def test_a_connection_the_service_closed_while_idle_is_replaced(url: str) -> None:
    async with client(url, expiry=30.0) as http:
        assert (await http.delete("/rien")).status_code == 204
        await asyncio.sleep(1.5)  # the server's keep-alive (1 s here) closes it
        assert (await http.delete("/rien")).status_code == 204


async def test_failures_are_httpx_errors() -> None:
    async with client(f"http://127.0.0.1:{free_port()}") as http:
        with pytest.raises(httpx.ConnectError):
            await http.get("/")


async def test_a_slow_answer_times_out_and_the_connection_is_not_reused(url: str) -> None:
    async with client(url, timeout=httpx.Timeout(0.3)) as http:  # type: ignore[arg-type]
        with pytest.raises(httpx.ReadTimeout):
            await http.get("/lent")
        assert (await http.delete("/rien")).status_code == 204
    async with client(url, timeout=httpx.Timeout(0.5)) as http:  # type: ignore[arg-type]
        # 0.8 s in all, never 0.5 s without a byte: the delay is between bytes, as httpx's
        assert (await http.get("/goutte-a-goutte")).text == "goutte;" * 4


def test_it_runs_on_uvloop_as_the_applicant_site_does() -> None:
    async def echanges() -> list[int]:
        async with servi() as adresse, client(adresse) as http:
            return [(await http.delete("/rien")).status_code for _ in range(3)]

    assert uvloop.run(echanges()) == [204, 204, 204]
