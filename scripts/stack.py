"""`make run`: every process of the stack under honcho, with addresses derived from a few ports.

Each variable below may be set in the environment; the others follow from it (for instance
ZEEBE_ADDRESS from ENGINE_GRPC_PORT), so that moving a port is one variable.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Mapping
from pathlib import Path

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
    env["STACK_PID"] = str(os.getpid())  # honcho's pid: `main` replaces this process with it
    return env


def main() -> None:
    (VAR_DIR / "nats").mkdir(parents=True, exist_ok=True)
    honcho = shutil.which("honcho", path=str(Path(sys.executable).parent))
    if honcho is None:
        raise SystemExit("honcho introuvable : lancez `make venv`")
    os.chdir(REPO_ROOT)
    os.execve(honcho, [honcho, "start", "-f", "Procfile"], stack_environment(os.environ))


if __name__ == "__main__":
    main()
