"""How services are served (uvicorn as `plumbing.service.serve` configures it)."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI, Request

from plumbing.service import server_config
from plumbing.web import client_address, create_app, trust_proxies
from tests.support.browser import serve_in_thread
from tests.support.ports import free_port

pytestmark = pytest.mark.integration


def echo_app(proxies: str = "") -> FastAPI:
    app = create_app("exemple")
    trust_proxies(app, proxies)

    @app.get("/adresse")
    async def adresse(request: Request) -> str | None:
        return client_address(request)

    return app


@pytest.mark.parametrize(("proxies", "attendue"), [("", "127.0.0.1"), ("127.0.0.1", "203.0.113.9")])
def test_x_forwarded_for_n_est_cru_que_d_un_mandataire_declare(proxies: str, attendue: str) -> None:
    """A local caller is no proxy unless configured as one (uvicorn would believe it by default)."""
    app = echo_app(proxies)
    with serve_in_thread(app, server_config(app, "127.0.0.1", free_port())) as url:
        reponse = httpx.get(f"{url}/adresse", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=5)
    assert reponse.json() == attendue
