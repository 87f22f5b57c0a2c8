"""NATS and JetStream: connecting, declaring streams, publishing with the correlation id."""

from __future__ import annotations

import contextlib
import json
import logging
from typing import Any

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from plumbing.correlation import HEADER, current_correlation_id

log = logging.getLogger(__name__)


def inbox_prefix(user: str) -> str:
    """Replies to `user` arrive under `_INBOX_<user>.`: the server lets it subscribe there only."""
    return f"_INBOX_{user}"


async def connect_nats(url: str, name: str, password: str = "") -> Client:
    """Connect as the user `name` (the server's configuration, `scripts.nats_config`), retrying in
    the background if the server restarts. Without a password the URL's credentials, if any, apply."""
    credentials: dict[str, Any] = {"user": name, "password": password} if password else {}
    return await nats.connect(
        url,
        name=name,
        inbox_prefix=inbox_prefix(name),
        max_reconnect_attempts=-1,
        reconnect_time_wait=0.5,
        connect_timeout=5,
        **credentials,
    )


async def close_nats(client: Client) -> None:
    """Drain what is in flight, or just close when the server is already gone (a whole-stack stop)."""
    if client.is_connected:
        with contextlib.suppress(nats.errors.Error, OSError):
            await client.drain()
            return
    with contextlib.suppress(OSError):  # the connection lost while draining
        await client.close()


async def ensure_stream(
    js: JetStreamContext, name: str, subjects: list[str], max_age: float | None = None
) -> None:
    """Create the stream, or widen its subjects, idempotently; `max_age`: how long its messages are
    kept, in seconds (None: as the stream has it, forever for a new one)."""
    try:
        info = await js.stream_info(name)
    except NotFoundError:
        try:
            await js.add_stream(StreamConfig(name=name, subjects=subjects, max_age=max_age))
            return
        except BadRequestError:  # another service created it meanwhile, with its own settings
            info = await js.stream_info(name)
    config = info.config
    missing = [s for s in subjects if s not in (config.subjects or [])]
    if missing or (max_age is not None and config.max_age != max_age):
        config.subjects = [*(config.subjects or []), *missing]
        config.max_age = config.max_age if max_age is None else max_age
        await js.update_stream(config)


def message_headers(message_id: str | None = None, correlation_id: str | None = None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if correlation_id := correlation_id or current_correlation_id():
        headers[HEADER] = correlation_id
    if message_id:
        headers["Nats-Msg-Id"] = message_id  # JetStream de-duplicates on it
    return headers


async def publish_event(
    js: JetStreamContext,
    subject: str,
    payload: dict[str, Any],
    message_id: str | None = None,
    correlation_id: str | None = None,
) -> None:
    """Publish and wait for JetStream's acknowledgement (the event is then stored)."""
    body = json.dumps(payload, default=str, ensure_ascii=False).encode()
    await js.publish(subject, body, headers=message_headers(message_id, correlation_id))
