"""What the API answers: the list of documents, a rendered PDF."""

from __future__ import annotations

from fastapi import Response

from services.pdf.domain.documents import DOCUMENTS, DocumentPrepare


def modeles() -> list[dict[str, str]]:
    return [{"modele": modele.value, "titre": document.titre} for modele, document in DOCUMENTS.items()]


def reponse_pdf(document: DocumentPrepare, pdf: bytes) -> Response:
    disposition = f'inline; filename="{document.nom_fichier}"'
    return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": disposition})
