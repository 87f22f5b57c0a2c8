"""The pdf service: the PDF documents of the procedure (confirmation de dépôt, attestations,
décision de refus, liste des pièces justificatives), rendered from the process variables with
Jinja2 and WeasyPrint, then stored with the dossier through the documents service."""
