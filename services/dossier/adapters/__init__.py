"""Adapters of the dossier's ports that talk to other services (the engine: plumbing.zeebe_client)."""
