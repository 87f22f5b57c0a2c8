"""`scripts.apps`: when one co-hosted service fails, the process ends in error, even if another
service does not stop, so that supervisord restarts it instead of keeping a half-dead process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from plumbing.settings import REPO_ROOT

PROGRAMME = textwrap.dedent(
    """
    import asyncio
    import scripts.apps as apps

    apps.STOP_TIMEOUT_S = 0.5

    async def en_echec():
        await asyncio.sleep(0.1)
        raise RuntimeError("flux refusé")

    async def sourd():
        while True:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                pass  # a service that does not stop when asked

    async def sage():
        await asyncio.sleep(3600)

    asyncio.run(apps.serve_together({"identity": en_echec, "notifier": sourd, "gateway": sage}))
    """
)


def test_a_failed_service_ends_the_shared_process_in_error() -> None:
    fini = subprocess.run(
        [sys.executable, "-c", PROGRAMME], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert fini.returncode == 1, fini.stderr
    assert "flux refusé" in fini.stderr
