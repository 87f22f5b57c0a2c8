"""HTTP clients for internal APIs: the platform token, the actor and the correlation id."""

from __future__ import annotations

import httpx

from plumbing.actors import Actor, internal_headers
from plumbing.correlation import HEADER, current_correlation_id


async def _add_correlation_id(request: httpx.Request) -> None:
    if correlation_id := current_correlation_id():
        request.headers[HEADER] = correlation_id


def create_internal_client(base_url: str, token: str, actor: Actor, timeout: float = 10) -> httpx.AsyncClient:
    """A client of another service's internal API, acting as `actor`."""
    return httpx.AsyncClient(
        base_url=base_url,
        headers=internal_headers(token, actor),
        timeout=timeout,
        event_hooks={"request": [_add_correlation_id]},
    )
