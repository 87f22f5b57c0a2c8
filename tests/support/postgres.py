"""A real PostgreSQL for the test session.

Where a Docker engine answers, testcontainers starts one; otherwise the Debian binaries run a
throw-away cluster (initdb/pg_ctl, as the `postgres` user when we are root, since initdb refuses
root), on a free port, fsync off, in a temporary directory removed at the end; without those
binaries, the `pgserver` wheel's own PostgreSQL does the same on a Unix socket.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import psycopg

from tests.support.ports import free_port


class PostgresServer:
    def __init__(self, host: str, port: int, user: str, password: str = "") -> None:
        self.host, self.port, self.user, self.password = host, port, user, password

    def url(self, database: str = "postgres") -> str:
        auth = f"{self.user}:{self.password}" if self.password else self.user
        if self.host.startswith("/"):  # a Unix socket directory
            return f"postgresql+psycopg://{auth}@/{database}?host={self.host}&port={self.port}"
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password or None,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _binaries() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def docker_available() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0


@contextmanager
def local_postgres() -> Iterator[PostgresServer]:
    binaries = _binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL introuvable : installez le paquet Debian postgresql (make deps)")
    workdir = Path(tempfile.mkdtemp(prefix="pgtest-"))
    data = workdir / "data"
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run(
        _as_postgres(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-l",
                str(workdir / "log"),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield PostgresServer("127.0.0.1", port, "postgres")
    finally:
        subprocess.run(
            _as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def container_postgres() -> Iterator[PostgresServer]:
    with warnings.catch_warnings():  # the library deprecates its own decorators
        warnings.simplefilter("ignore", DeprecationWarning)
        from testcontainers.community.postgres import PostgresContainer

    with PostgresContainer("postgres:15-alpine", driver="psycopg") as container:
        yield PostgresServer(
            container.get_container_host_ip(),
            int(container.get_exposed_port(5432)),
            container.username,
            container.password,
        )


@contextmanager
def wheel_postgres() -> Iterator[PostgresServer]:
    """PostgreSQL from the `pgserver` wheel, for machines without the Debian binaries."""
    workdir = Path(tempfile.mkdtemp(prefix="pgserver-"))
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset, as on CI
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(workdir, cleanup_mode="stop")
    params = psycopg.conninfo.conninfo_to_dict(server.get_uri())
    try:
        yield PostgresServer(str(params["host"]), int(params.get("port") or 5432), str(params["user"]))
    finally:
        server.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


def start_postgres() -> AbstractContextManager[PostgresServer]:
    if docker_available():
        return container_postgres()
    return local_postgres() if _binaries() is not None else wheel_postgres()
