"""`python -m scripts.deploy_models`: deploy every model and form of bpmn/ to ZEEBE_ADDRESS.

The same files deploy to the embedded engine and to a Camunda 8 cluster.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pyzeebe import ZeebeClient

from plumbing.settings import REPO_ROOT, PlatformSettings
from plumbing.worker import create_zeebe_channel


def bpmn_resources(directory: Path = REPO_ROOT / "bpmn") -> list[Path]:
    return sorted([*directory.glob("*.bpmn"), *directory.glob("forms/*.form")])


async def deploy_models(zeebe_address: str) -> int:
    """Deploy every resource in one deployment (all or nothing); return how many."""
    resources = bpmn_resources()
    client = ZeebeClient(create_zeebe_channel(zeebe_address))
    await client.deploy_resource(*[str(path) for path in resources])
    return len(resources)


def main() -> None:
    count = asyncio.run(deploy_models(PlatformSettings().zeebe_address))
    print(f"{count} ressources déployées")


if __name__ == "__main__":
    main()
