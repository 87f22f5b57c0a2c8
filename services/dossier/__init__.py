"""The dossier service: the renewal application from draft to decision."""
