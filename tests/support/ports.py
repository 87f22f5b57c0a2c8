"""Free TCP ports and waiting for a server to accept connections."""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST_PORT = 10000


def _port_sequence() -> Iterator[int]:
    """The ports below the kernel's ephemeral range, from an offset of this process's own, each once
    before any comes again."""
    first_ephemeral = int(EPHEMERAL_RANGE.read_text().split()[0]) if EPHEMERAL_RANGE.exists() else 32768
    span = max(first_ephemeral - LOWEST_PORT, 1000)
    offset = (os.getpid() * 7919) % span
    for step in itertools.count():
        yield LOWEST_PORT + (offset + step) % span


_PORTS = _port_sequence()
_PORTS_LOCK = threading.Lock()


def free_port() -> int:
    """A port nothing listens on, never handed out before by this process, below the kernel's
    ephemeral range: neither a starting stack's outgoing connections (ephemeral ports) nor the
    next test can take it before its server binds it, nor while that server is stopped a moment."""
    with _PORTS_LOCK:
        for port in _PORTS:
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise AssertionError("unreachable")


def wait_for_port(port: int, timeout: float = 30.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")
