"""Readiness checks: each answers True when a dependency of the process is usable."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:  # imported where used: the sites and the mail sink start faster without them
    import grpc
    from nats.aio.client import Client
    from sqlalchemy import Engine

ReadinessCheck = Callable[[], Awaitable[bool]]


def database_check(engine: Engine) -> ReadinessCheck:
    from sqlalchemy import text

    def ping() -> bool:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True

    async def check() -> bool:
        return await asyncio.to_thread(ping)

    return check


def nats_check(get_client: Callable[[], Client | None]) -> ReadinessCheck:
    async def check() -> bool:
        client = get_client()
        return bool(client and client.is_connected)

    return check


def engine_check(channel: grpc.aio.Channel) -> ReadinessCheck:
    """The engine (embedded or Zeebe) answers the Topology RPC."""
    from pyzeebe.proto import gateway_pb2, gateway_pb2_grpc

    stub = gateway_pb2_grpc.GatewayStub(channel)

    async def check() -> bool:
        await stub.Topology(gateway_pb2.TopologyRequest(), timeout=2)
        return True

    return check


def http_check(client_factory: Callable[[], httpx.AsyncClient], url: str) -> ReadinessCheck:
    """Another service's `/healthz` (or any URL) answers 2xx."""

    async def check() -> bool:
        async with client_factory() as client:
            response = await client.get(url, timeout=2)
        return response.is_success

    return check
