"""`make run`: every process of the `Procfile` under supervisord, with addresses derived from a few ports.

The Procfile lists the processes, one line each (`name: command`, `${VARIABLE}` taken from the
stack's environment). supervisord runs them with its restart policy: a process that ends is
started again at once, one that fails while starting (within `STARTSECS`) after a growing delay
(1 s, 2 s, 3 s …), so one crash never stops the stack. `ready` runs once: it waits for every health
check, deploys bpmn/, seeds the demo data, reports, then ends. Ctrl-C or SIGTERM stops every process
(SIGTERM, then SIGKILL after `STOPWAITSECS`).

Each variable of PORT_DEFAULTS may be set in the environment; the others follow from it (for
instance ZEEBE_ADDRESS from ENGINE_GRPC_PORT), so that moving a port is one variable.
"""

from __future__ import annotations

import os
import shlex
import socket
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from string import Template

from contracts.process import SERVICE_PORTS
from plumbing.settings import REPO_ROOT, VAR_DIR
from scripts import nats_config
from scripts.engine_clients import engine_client_environment

PORT_DEFAULTS = {
    "NATS_HOST": "127.0.0.1",
    "NATS_PORT": "4222",
    "ENGINE_GRPC_PORT": "26500",
    "ENGINE_REST_PORT": "8080",
    "SMTP_SINK_PORT": "1025",
    "SMTP_SINK_WEB_PORT": "8025",
    **{f"{name.upper()}_PORT": str(port) for name, port in SERVICE_PORTS.items()},
}


def stack_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment of every process: the caller's, completed with consistent addresses."""
    env = {**PORT_DEFAULTS, **environ}
    local = "http://127.0.0.1:"
    derived = {
        "APP_ENV": "development",
        "NATS_URL": f"nats://{env['NATS_HOST']}:{env['NATS_PORT']}",
        "ZEEBE_ADDRESS": f"127.0.0.1:{env['ENGINE_GRPC_PORT']}",
        "CAMUNDA_REST_ADDRESS": f"{local}{env['ENGINE_REST_PORT']}",
        "ENGINE_CLOCK_CONTROL": "false",
        "NOTIFIER_SMTP_HOST": "127.0.0.1",
        "NOTIFIER_SMTP_PORT": env["SMTP_SINK_PORT"],
        "IDENTITY_PUBLIC_URL": f"{local}{env['GATEWAY_PORT']}",
        "PYTHONUNBUFFERED": "1",
        "ANEF_VAR_DIR": str(VAR_DIR),
    }
    for caller in ("gateway", "backoffice", "dossier", "pdf", "notifier", "identity"):
        for callee in ("identity", "dossier", "documents", "notifier", "pdf"):
            derived[f"{caller.upper()}_{callee.upper()}_URL"] = f"{local}{env[f'{callee.upper()}_PORT']}"
    env = {**derived, **env}
    identity_url = f"{local}{env['IDENTITY_PORT']}"
    test_stack = env["ENGINE_CLOCK_CONTROL"] == "true"
    clients = engine_client_environment(Path(env["ANEF_VAR_DIR"]), identity_url, with_tests_client=test_stack)
    env = {**clients, **env}  # configured credentials win over generated ones
    env.setdefault("ENGINE_NATS_URL", env["NATS_URL"])
    env.update(nats_config.preparer(Path(env["ANEF_VAR_DIR"]), env))  # users, passwords, key: var/nats
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["STACK_STARTED_AT"] = str(time.time())
    env["STACK_PID"] = str(os.getpid())  # supervisord's pid: `main` replaces this process with it
    return env


PROCFILE = REPO_ROOT / "Procfile"
ONE_SHOT = ("ready",)  # runs once at start-up, started again only if it fails
STARTSECS = 5  # a process that ends sooner failed to start: retried after 1 s, 2 s, 3 s …
STARTRETRIES = 60  # about half an hour of retries before supervisord gives up on a process
STOPWAITSECS = 15
# Started first and stopped last (after the services that use them); the others start and stop together.
PRIORITIES = {"nats": 10, "engine": 20}


def procfile_commands(procfile: Path = PROCFILE) -> dict[str, str]:
    """`{name: command}` of the Procfile's lines, in their order."""
    commands = {}
    for line in procfile.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, command = line.split(":", 1)
            commands[name.strip()] = command.strip()
    return commands


def without(commands: Mapping[str, str], left_out: Iterable[str]) -> dict[str, str]:
    """`commands` but those named in `left_out`, also taken out of the line that serves several
    services in one process (`scripts.apps`)."""
    left_out = set(left_out)
    kept = {}
    for name, command in commands.items():
        if name in left_out:
            continue
        argv = shlex.split(command)
        if argv[1:3] == ["-m", "scripts.apps"]:
            command = shlex.join([*argv[:3], *(service for service in argv[3:] if service not in left_out)])
        kept[name] = command
    return kept


def supervisor_config(commands: Mapping[str, str], env: Mapping[str, str], var_dir: Path) -> str:
    """supervisord's configuration: the processes of `commands`, their output on supervisord's."""
    supervisord = {
        "nodaemon": "true",
        "loglevel": "info",
        "logfile": var_dir / "supervisord.log",
        "logfile_maxbytes": "1MB",
        "logfile_backups": 1,
        "pidfile": var_dir / "supervisord.pid",
    }
    if os.geteuid() == 0:
        supervisord["user"] = "root"  # said explicitly, or supervisord warns about it
    sections = [_section("supervisord", supervisord)]
    for name, command in commands.items():
        one_shot = name in ONE_SHOT
        program = {
            "command": shlex.join(shlex.split(Template(command).substitute(env))),
            "directory": REPO_ROOT,
            "priority": PRIORITIES.get(name, 30),
            "autorestart": "unexpected" if one_shot else "true",
            "startsecs": 0 if one_shot else STARTSECS,
            "startretries": STARTRETRIES,
            "stopwaitsecs": STOPWAITSECS,
            "stopasgroup": "true",
            "killasgroup": "true",
            "redirect_stderr": "true",
            "stdout_logfile": "/dev/stdout",
            "stdout_logfile_maxbytes": 0,
        }
        sections.append(_section(f"program:{name}", program))
    return "\n".join(sections)


def _section(name: str, options: Mapping[str, object]) -> str:
    """An INI section; `%` doubled, since supervisord expands `%(name)s`."""
    return f"[{name}]\n" + "".join(
        f"{key}={str(value).replace('%', '%%')}\n" for key, value in options.items()
    )


def ports_taken(env: Mapping[str, str], left_out: Iterable[str] = ()) -> list[str]:
    """The stack's ports another program already listens on, as `NAME=port` (servers bind with
    SO_REUSEADDR, so a port a stopped stack left in TIME_WAIT is free); those of the services
    `left_out` are their caller's business (tests start them beside the stack)."""
    skipped = {f"{service.upper()}_PORT" for service in left_out}
    taken = []
    for name in PORT_DEFAULTS:
        if not name.endswith("_PORT") or name in skipped:
            continue
        host = env["NATS_HOST"] if name == "NATS_PORT" else "127.0.0.1"
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, int(env[name])))
            except OSError:
                taken.append(f"{name}={env[name]}")
    return taken


def refusal_for_taken_ports(taken: list[str]) -> str:
    name, port = taken[0].split("=")
    return (
        f"Ports déjà utilisés par un autre programme : {', '.join(taken)}. Une pile tourne peut-être "
        f"déjà (Ctrl-C l'arrête) ; sinon, choisissez d'autres ports, par exemple {name}="
        f"{int(port) + 10} make run."
    )


def main(left_out: Iterable[str] = ()) -> None:
    """Replace this process with supervisord; `left_out` are Procfile names not to run (tests run
    them apart, to stop and start them). Refused at once, in French, when a port is taken: the
    process on it would otherwise fail and be restarted again and again."""
    left_out = list(left_out)
    env = stack_environment(os.environ)
    if taken := ports_taken(env, left_out):
        raise SystemExit(refusal_for_taken_ports(taken))
    var_dir = Path(env["ANEF_VAR_DIR"])
    (var_dir / "nats").mkdir(parents=True, exist_ok=True)
    commands = without(procfile_commands(), left_out)
    config = var_dir / "supervisord.conf"
    config.write_text(supervisor_config(commands, env, var_dir), encoding="utf-8")
    os.chdir(REPO_ROOT)
    os.execve(sys.executable, [sys.executable, "-m", "scripts.supervise", "-c", str(config)], env)


if __name__ == "__main__":
    main(sys.argv[1:])
