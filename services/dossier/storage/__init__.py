"""SQL storage of the dossier service: its own tables and migrations."""
