"""Documents service: the pieces of a dossier, their files and versions, and generated PDFs."""
