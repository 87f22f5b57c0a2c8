"""Issue 2's start-up figures: `make run` on a fresh clone, cold (empty package caches) then warm.

Clones the repository's HEAD into a temporary directory, points uv and npm at empty caches, runs
`make run` until the stack reports ready, stops it with SIGINT (Ctrl-C), then starts it again.
Prints the times and the idle RSS the stack reports, and writes bench/results/startup.json.
Targets: cold (installs included) under 180 s, warm under 15 s.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "startup.json"
READY = "est prêt"
TIMEOUT_SECONDS = 400


def start_once(clone: Path, env: dict[str, str]) -> dict[str, float]:
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    ready_after, rss = None, None
    for line in process.stdout:
        if ready_after is None and READY in line:
            ready_after = time.monotonic() - started
        if match := re.search(r"Mémoire \(RSS\) de la pile au repos : (\d+) Mo", line):
            rss = float(match.group(1))
            break
        if time.monotonic() - started > TIMEOUT_SECONDS:
            break
    os.killpg(process.pid, signal.SIGINT)
    process.communicate(timeout=60)
    if ready_after is None or rss is None:
        raise SystemExit("la pile n'a pas démarré : voir `make run`")
    return {"seconds_to_ready": round(ready_after, 1), "idle_rss_mb": rss}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as scratch:
        clone = Path(scratch) / "anef"
        subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
        env = {
            **os.environ,
            "UV_CACHE_DIR": f"{scratch}/uv-cache",
            "npm_config_cache": f"{scratch}/npm-cache",
        }
        cold = start_once(clone, env)
        warm = start_once(clone, env)
    results = {
        "cold_seconds_including_installs": cold["seconds_to_ready"],
        "warm_seconds": warm["seconds_to_ready"],
        "idle_rss_mb": warm["idle_rss_mb"],
        "targets": {"cold_seconds": 180, "warm_seconds": 15},
    }
    print(
        f"make run à froid (installations comprises) : {results['cold_seconds_including_installs']} s (objectif 180 s)"
    )
    print(f"make run à chaud : {results['warm_seconds']} s (objectif 15 s)")
    print(f"mémoire (RSS) de la pile au repos : {results['idle_rss_mb']:.0f} Mo")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
