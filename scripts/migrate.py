"""`python -m scripts.migrate [service ...]`: bring the services' databases to their latest schema.

`make run`'s start-up step (run by `scripts.apps` before its services serve), so that the services
sharing a process never import Alembic. Alone (`python -m services.dossier`), a service migrates
its own database first, as `deploy/` runs it.
"""

from __future__ import annotations

import sys

from plumbing.database import upgrade_database
from plumbing.settings import REPO_ROOT, StoredServiceSettings
from services.documents.settings import DocumentsSettings
from services.dossier.settings import DossierSettings
from services.identity.settings import IdentitySettings
from services.notifier.settings import NotifierSettings

# Each service keeps its migrations under storage/migrations and its own Alembic version table.
STORED: dict[str, type[StoredServiceSettings]] = {
    "identity": IdentitySettings,
    "dossier": DossierSettings,
    "documents": DocumentsSettings,
    "notifier": NotifierSettings,
}


def migrate(service: str) -> None:
    migrations = REPO_ROOT / "services" / service / "storage" / "migrations"
    upgrade_database(STORED[service]().database(), migrations, f"{service}_alembic_version")


def main(services: list[str]) -> None:
    for service in services or list(STORED):
        if service in STORED:
            migrate(service)


if __name__ == "__main__":
    main(sys.argv[1:])
