"""Generated documents attached to e-mails, read from the documents service's internal API."""

from __future__ import annotations

import httpx

from services.notifier.domain.courriels import Fichier, PieceJointeCourriel


class HttpDocuments:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def lire(self, piece: PieceJointeCourriel) -> Fichier | None:
        path = f"/dossiers/{piece.dossier_id}/documents-generes/{piece.document_id}"
        response = await self.client.get(path)
        if response.status_code == 404:
            return None
        response.raise_for_status()  # 5xx or refusal: the queue tries again later
        type_media = response.headers.get("content-type", "application/pdf").split(";")[0].strip()
        return Fichier(nom=piece.nom_fichier, contenu=response.content, type_media=type_media)
