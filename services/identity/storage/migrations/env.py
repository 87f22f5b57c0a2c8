from plumbing.migrations import run_migrations
from services.identity.storage.tables import metadata

run_migrations(target_metadata=metadata)
