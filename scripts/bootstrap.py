"""The last process of `make run`: wait until everything is healthy, deploy bpmn/, seed, report.

It then measures the stack at rest and ends: nothing of the start-up stays in memory.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import httpx

from devtools import seed
from plumbing.settings import PlatformSettings
from scripts.deploy_models import deploy_models

SERVICES = ("identity", "dossier", "documents", "notifier", "pdf", "gateway", "backoffice")
STARTUP_TIMEOUT_SECONDS = 180


def health_urls() -> dict[str, str]:
    urls = {name: f"http://127.0.0.1:{os.environ[f'{name.upper()}_PORT']}/readyz" for name in SERVICES}
    urls["moteur"] = f"http://127.0.0.1:{os.environ['ENGINE_REST_PORT']}/readyz"
    urls["courriels"] = f"http://127.0.0.1:{os.environ['SMTP_SINK_WEB_PORT']}/healthz"
    return urls


async def wait_until_healthy(urls: dict[str, str]) -> None:
    pending = dict(urls)
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    async with httpx.AsyncClient(timeout=2) as client:
        while pending:
            for name, url in list(pending.items()):
                try:
                    if (await client.get(url)).is_success:
                        del pending[name]
                except httpx.HTTPError:
                    pass
            if time.monotonic() > deadline:
                raise SystemExit(f"Services toujours indisponibles : {', '.join(sorted(pending))}")
            if pending:
                await asyncio.sleep(0.25)


def seed_demo_data() -> None:
    """`python -m devtools.seed`, in this process, once identity answers (so its database is
    migrated): its libraries are imported while the stack starts."""
    seed.main(migrer=False)


def stack_cpu_seconds() -> float:
    """CPU time spent so far by supervisord and its descendants, those that ended included (a
    figure that, unlike the wall-clock time to ready, hardly depends on the machine's load)."""
    root = int(os.environ.get("STACK_PID", os.getppid()))
    total = 0
    for pid in {root} | _descendants(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def stack_memory_megabytes() -> tuple[float, float]:
    """(PSS, RSS) of the stack once this process has ended: supervisord and its other descendants.

    PSS counts a page shared by n processes as 1/n in each, so the sum is what the stack occupies.
    """
    root = int(os.environ.get("STACK_PID", os.getppid()))
    stack = ({root} | _descendants(root)) - {os.getpid()}
    pss_kb = rss_kb = 0
    for pid in stack:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            key, _, value = line.partition(":")
            if key == "Pss":
                pss_kb += int(value.split()[0])
            elif key == "Rss":
                rss_kb += int(value.split()[0])
    return pss_kb / 1024, rss_kb / 1024


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = set(), [root]
    while stack:
        pid = stack.pop()
        for child in children.get(pid, []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


async def main() -> None:
    started = float(os.environ.get("STACK_STARTED_AT", time.time()))
    platform = PlatformSettings()
    urls = health_urls()

    async def seed_once_identity_answers() -> None:
        await wait_until_healthy({"identity": urls["identity"]})
        await asyncio.to_thread(seed_demo_data)

    async def deploy_once_engine_answers() -> int:
        # the engine asks identity, the issuer of the deployer's token, for its keys
        await wait_until_healthy({name: urls[name] for name in ("identity", "moteur")})
        return await deploy_models(platform)

    # Seed and deploy as soon as identity and the engine answer, while the others finish starting.
    _, deployed = await asyncio.gather(seed_once_identity_answers(), deploy_once_engine_answers())
    await wait_until_healthy(urls)
    elapsed, cpu = time.time() - started, stack_cpu_seconds()
    print(
        f"""
ANEF Séjour est prêt en {elapsed:.1f} s, {cpu:.1f} s de CPU ({deployed} ressources BPMN déployées, données de démonstration en place).
  Site des demandeurs : http://127.0.0.1:{os.environ["GATEWAY_PORT"]}
  Espace agents       : http://127.0.0.1:{os.environ["BACKOFFICE_PORT"]}
  Courriels reçus     : http://127.0.0.1:{os.environ["SMTP_SINK_WEB_PORT"]}
  Moteur (REST v2)    : {platform.camunda_rest_address}  gRPC Zeebe : {platform.zeebe_address}
Comptes de démonstration : voir README.md. Ctrl-C arrête tout ; les données restent dans var/.""",
        flush=True,
    )
    await asyncio.sleep(5)
    pss, rss = stack_memory_megabytes()
    print(f"Mémoire de la pile au repos : {pss:.0f} Mo (PSS), {rss:.0f} Mo (RSS)", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
