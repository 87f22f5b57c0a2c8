"""PiecesJustificatives over the documents service's internal API (contracts.documents)."""

from __future__ import annotations

import httpx

from contracts.documents import (
    Cas as CasDocuments,
)
from contracts.documents import (
    Hebergement,
    OuvertureComplements,
    PieceCode,
    PieceManquante,
    PiecesDossier,
    VerificationPiecesRequest,
    VerificationPiecesResponse,
)
from contracts.dossier import Cas
from plumbing.actors import Actor, internal_headers

SERVICE = Actor("service", "dossier")


class DocumentsIndisponibles(Exception):
    """The documents service did not answer as its contract says."""


class HttpPiecesJustificatives:
    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.headers = internal_headers(token, SERVICE)

    async def manquantes(
        self, dossier_id: str, *, cas: Cas, hebergement: Hebergement
    ) -> list[PieceManquante]:
        demande = VerificationPiecesRequest(cas=CasDocuments(cas.value), hebergement=hebergement)
        response = await self._appeler(
            "POST", f"/dossiers/{dossier_id}/pieces/verification", json=demande.model_dump(mode="json")
        )
        return VerificationPiecesResponse.model_validate(response.json()).manquantes

    async def ouvrir_complements(self, dossier_id: str, *, ronde: int, pieces: list[str]) -> None:
        ouverture = OuvertureComplements(ronde=ronde, pieces=[PieceCode(p) for p in pieces])
        await self._appeler(
            "POST", f"/dossiers/{dossier_id}/complements", json=ouverture.model_dump(mode="json")
        )

    async def pieces_remplacees(self, dossier_id: str, *, ronde: int) -> set[str]:
        response = await self._appeler("GET", f"/dossiers/{dossier_id}/pieces")
        pieces = PiecesDossier.model_validate(response.json()).pieces
        return {p.code.value for p in pieces if any(f.ronde == ronde for f in p.fichiers)}

    async def _appeler(self, methode: str, chemin: str, **options: object) -> httpx.Response:
        try:
            response = await self.client.request(methode, chemin, headers=self.headers, **options)  # type: ignore[arg-type]
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise DocumentsIndisponibles(type(error).__name__) from error
        return response
