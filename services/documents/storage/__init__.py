"""SQL storage of the documents service: tables, migrations, repository."""
