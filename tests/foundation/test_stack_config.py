"""What `make run` hands to supervisord, and the start-up step that migrates the services' databases."""

from __future__ import annotations

import configparser
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.migrate import STORED
from scripts.stack import (
    PROCFILE,
    ports_taken,
    procfile_commands,
    stack_environment,
    supervisor_config,
    without,
)
from services.documents import wiring as documents
from services.dossier.storage import tables as dossier
from services.identity import wiring as identity
from services.notifier import __main__ as notifier
from tests.support.stack import free_stack_ports

pytestmark = pytest.mark.unit


def test_every_procfile_line_is_a_program_restarted_by_supervisord_but_ready_runs_once(
    tmp_path: Path,
) -> None:
    env = stack_environment({"ANEF_VAR_DIR": str(tmp_path), "NATS_PORT": "4333"})
    config = configparser.RawConfigParser()
    config.read_string(supervisor_config(procfile_commands(), env, tmp_path))
    programs = {
        section.removeprefix("program:"): config[section]
        for section in config
        if section.startswith("program:")
    }
    assert list(programs) == list(procfile_commands(PROCFILE))
    assert "-p 4333" in programs["nats"]["command"] and "${" not in programs["nats"]["command"]
    for name, program in programs.items():
        assert program["autorestart"] == ("unexpected" if name == "ready" else "true"), name
        assert int(program["startretries"]) >= 10, name
    assert int(programs["nats"]["priority"]) < int(programs["apps"]["priority"])  # stopped after the services


def test_a_service_left_out_of_the_stack_is_also_left_out_of_the_shared_process() -> None:
    commands = without(procfile_commands(), ["pdf", "documents"])
    assert "pdf" not in commands
    assert "documents" not in commands["apps"].split()
    assert {"identity", "dossier", "notifier"} <= set(commands["apps"].split())


def test_the_start_up_step_migrates_each_database_where_its_service_does() -> None:
    assert set(STORED) == {"identity", "dossier", "documents", "notifier"}
    for service, module in {
        "identity": identity,
        "dossier": dossier,
        "documents": documents,
        "notifier": notifier,
    }.items():
        migrations, version_table = module.MIGRATIONS, module.VERSION_TABLE
        assert migrations == PROCFILE.parent / "services" / service / "storage" / "migrations"
        assert version_table == f"{service}_alembic_version"


def test_a_port_taken_by_another_program_is_refused_at_once_in_french(tmp_path: Path) -> None:
    """`make run` with the site's port taken (another stack, another program) says so and stops,
    rather than leaving supervisord to restart a process that cannot listen, again and again."""
    ports = free_stack_ports()
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", int(ports["GATEWAY_PORT"])))
        other_program.listen()
        env = {**os.environ, **ports, "ANEF_VAR_DIR": str(tmp_path)}
        answer = subprocess.run(
            [sys.executable, "-m", "scripts.stack"], env=env, capture_output=True, text=True, timeout=60
        )
    assert answer.returncode == 1
    assert (
        f"Ports déjà utilisés par un autre programme : GATEWAY_PORT={ports['GATEWAY_PORT']}" in answer.stderr
    )
    assert "Traceback" not in answer.stderr
    assert not (tmp_path / "supervisord.conf").exists()


def test_the_ports_of_services_run_beside_the_stack_are_not_checked(tmp_path: Path) -> None:
    ports = free_stack_ports()
    env = stack_environment({**ports, "ANEF_VAR_DIR": str(tmp_path)})
    with socket.socket() as documents_started_by_a_test:
        documents_started_by_a_test.bind(("127.0.0.1", int(ports["DOCUMENTS_PORT"])))
        documents_started_by_a_test.listen()
        assert ports_taken(env) == [f"DOCUMENTS_PORT={ports['DOCUMENTS_PORT']}"]
        assert ports_taken(env, ["pdf", "documents"]) == []
