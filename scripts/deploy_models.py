"""`python -m scripts.deploy_models`: deploy every model and form of bpmn/ to ZEEBE_ADDRESS, with the
OAuth 2 credentials ZEEBE_CLIENT_ID / ZEEBE_CLIENT_SECRET from ZEEBE_AUTHORIZATION_SERVER_URL.

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


async def deploy_models(platform: PlatformSettings) -> int:
    """Deploy every resource in one deployment (all or nothing), as the client ZEEBE_CLIENT_ID; return how many."""
    resources = bpmn_resources()
    client = ZeebeClient(create_zeebe_channel(platform.zeebe_address, platform.deployer_credentials()))
    await client.deploy_resource(*[str(path) for path in resources])
    return len(resources)


def main() -> None:
    count = asyncio.run(deploy_models(PlatformSettings()))
    print(f"{count} ressources déployées")


if __name__ == "__main__":
    main()
