"""Two services that declare the same stream at the same time, each with its own settings (the
notifier keeps e-mail requests a week, identity only needs the stream to exist), both start."""

from __future__ import annotations

import asyncio

import nats
import pytest

from plumbing.clock import new_id
from plumbing.messaging import ensure_stream

pytestmark = pytest.mark.integration


async def test_a_stream_declared_by_two_services_at_once_starts_both(nats_url: str) -> None:
    name = f"ESSAI_{new_id().upper().replace('-', '_')}"
    subjects = [f"essai.{name.lower()}.>"]
    client = await nats.connect(nats_url)
    try:
        js = client.jetstream()
        for _ in range(5):  # the race is at the server: try it several times
            await asyncio.gather(
                ensure_stream(js, name, subjects, max_age=7 * 24 * 3600),
                ensure_stream(js, name, subjects),
            )
            info = await js.stream_info(name)
            assert info.config.max_age == 7 * 24 * 3600
            await js.delete_stream(name)
    finally:
        await client.close()
