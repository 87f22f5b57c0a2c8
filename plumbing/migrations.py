"""The body of every service's Alembic `env.py`, so each one is two lines long.

from plumbing.migrations import run_migrations
run_migrations(target_metadata=metadata)
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import MetaData

from plumbing.database import create_database_engine


def run_migrations(target_metadata: MetaData) -> None:
    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("sqlalchemy.url manquant pour les migrations")
    version_table = config.attributes.get("version_table", "alembic_version")
    connectable = create_database_engine(url)
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table=version_table,
            render_as_batch=url.startswith("sqlite"),
        )
        with context.begin_transaction():
            context.run_migrations()
    connectable.dispose()
