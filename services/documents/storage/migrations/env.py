from plumbing.migrations import run_migrations
from services.documents.storage.tables import metadata

run_migrations(target_metadata=metadata)
