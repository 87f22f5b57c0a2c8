"""`make run`'s start-up figures: on a fresh clone, cold (empty package caches) then warm.

Clones the repository's HEAD into a temporary directory, points uv and npm at empty caches, runs
`make run` until the stack reports ready, stops it with SIGINT (Ctrl-C), then starts it again
`--warm-runs` times. Prints the times to every health check green (wall clock, and the CPU time the
stack spent, which depends much less on the machine's load), the idle memory the stack reports
(PSS, the sum of /proc/*/smaps_rollup, and RSS), and writes bench/results/startup.json.
`--warm-only` skips the clone and the installs: `python -m scripts.stack` (what `make run` runs once
everything is installed) in this checkout, on free ports and a temporary ANEF_VAR_DIR.
Targets: cold (installs included) under 180 s, warm under 5 s, idle PSS under 600 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "startup.json"
READY = re.compile(r"est prêt en [\d.]+ s, ([\d.]+) s de CPU")
MEMORY = re.compile(r"Mémoire de la pile au repos : (\d+) Mo \(PSS\), (\d+) Mo \(RSS\)")
TIMEOUT_SECONDS = 400
TARGETS = {"cold_seconds": 180, "warm_seconds": 5, "idle_pss_mb": 600}


def start_once(clone: Path, env: dict[str, str], command: list[str]) -> dict[str, float]:
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    figures: dict[str, float] = {}
    for line in process.stdout:
        if "seconds_to_ready" not in figures and (ready := READY.search(line)):
            figures |= {
                "seconds_to_ready": round(time.monotonic() - started, 1),
                "cpu_seconds": float(ready[1]),
            }
        if memory := MEMORY.search(line):
            figures |= {"idle_pss_mb": float(memory[1]), "idle_rss_mb": float(memory[2])}
            break
        if time.monotonic() - started > TIMEOUT_SECONDS:
            break
    os.killpg(process.pid, signal.SIGINT)
    process.communicate(timeout=60)
    if "idle_pss_mb" not in figures or "seconds_to_ready" not in figures:
        raise SystemExit("la pile n'a pas démarré : voir `make run`")
    return figures


def free_ports() -> dict[str, str]:
    """Every port of the stack on a free one, away from a `make run` of this machine."""
    sys.path.insert(0, str(REPO))
    from tests.support.stack import free_stack_ports

    return free_stack_ports()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warm-runs", type=int, default=3)
    parser.add_argument("--warm-only", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as scratch:
        if arguments.warm_only:
            clone, command = REPO, [sys.executable, "-m", "scripts.stack"]
            env = {**os.environ, **free_ports(), "ANEF_VAR_DIR": f"{scratch}/var"}
        else:
            clone, command = Path(scratch) / "anef", ["make", "run"]
            subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
            env = {
                **os.environ,
                "UV_CACHE_DIR": f"{scratch}/uv-cache",
                "npm_config_cache": f"{scratch}/npm-cache",
            }
        first = start_once(clone, env, command)
        warm = [start_once(clone, env, command) for _ in range(arguments.warm_runs)]
    results = {
        "cold_seconds_including_installs": None if arguments.warm_only else first["seconds_to_ready"],
        "warm_seconds": [run["seconds_to_ready"] for run in warm],
        "warm_seconds_median": statistics.median(run["seconds_to_ready"] for run in warm),
        "warm_cpu_seconds": [run["cpu_seconds"] for run in warm],
        "idle_pss_mb": warm[-1]["idle_pss_mb"],
        "idle_rss_mb": warm[-1]["idle_rss_mb"],
        "load_average_1min": os.getloadavg()[0],
        "targets": TARGETS,
    }
    if results["cold_seconds_including_installs"] is not None:
        print(
            f"make run à froid (installations comprises) : {results['cold_seconds_including_installs']} s (objectif 180 s)"
        )
    print(
        f"make run à chaud : {results['warm_seconds']} s, médiane {results['warm_seconds_median']} s (objectif 5 s) ; "
        f"CPU de la pile : {results['warm_cpu_seconds']} s ; charge de la machine : {results['load_average_1min']:.1f}"
    )
    print(
        f"mémoire de la pile au repos : {results['idle_pss_mb']:.0f} Mo PSS (objectif 600), {results['idle_rss_mb']:.0f} Mo RSS"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
