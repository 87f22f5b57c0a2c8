"""Adapters of the dossier service's ports: the Zeebe engine, the documents service, the clock."""
