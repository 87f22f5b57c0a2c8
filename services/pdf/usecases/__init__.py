"""The service's use cases, typed against `domain.ports`: preview a document, generate one for a dossier."""
