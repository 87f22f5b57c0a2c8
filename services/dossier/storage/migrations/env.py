from plumbing.migrations import run_migrations
from services.dossier.storage.tables import metadata

run_migrations(target_metadata=metadata)
