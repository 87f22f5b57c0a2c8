"""`DepotDocuments` over the documents service's internal API (contracts.documents)."""

from __future__ import annotations

from urllib.parse import quote

import httpx

from contracts.documents import AnnexePieces, Cas, DocumentGenere
from plumbing.actors import Actor, internal_headers
from plumbing.correlation import HEADER, current_correlation_id
from services.pdf.domain.erreurs import DocumentImpossible
from services.pdf.ports import DepotIndisponible, Proprietaire

ACTEUR = Actor("service", "pdf")


class DepotRefuse(DocumentImpossible):
    """The documents service refused the request (4xx): retrying the same request will not help."""


class HttpxDepotDocuments:
    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client  # base_url: the documents service
        self.token = token

    async def deposer(
        self,
        *,
        dossier_id: str,
        modele: str,
        nom_fichier: str,
        contenu: bytes,
        cle_idempotence: str,
        proprietaire: Proprietaire,
    ) -> DocumentGenere:
        champs = {"modele": modele, "idempotence": cle_idempotence}
        if proprietaire.demandeur_id:
            champs["demandeurId"] = proprietaire.demandeur_id
        if proprietaire.prefecture:
            champs["prefecture"] = proprietaire.prefecture
        reponse = await self._appeler(
            "POST",
            f"/dossiers/{quote(dossier_id, safe='')}/documents-generes",
            files={"fichier": (nom_fichier, contenu, "application/pdf")},
            data=champs,
        )
        return DocumentGenere.model_validate(reponse.json())

    async def annexe(self, cas: Cas) -> AnnexePieces:
        reponse = await self._appeler("GET", "/catalogue/annexe", params={"cas": cas.value})
        return AnnexePieces.model_validate(reponse.json())

    async def _appeler(self, methode: str, chemin: str, **options: object) -> httpx.Response:
        headers = internal_headers(self.token, ACTEUR)
        if correlation_id := current_correlation_id():
            headers[HEADER] = correlation_id
        try:
            reponse = await self.client.request(methode, chemin, headers=headers, **options)  # type: ignore[arg-type]
        except httpx.HTTPError as erreur:
            raise DepotIndisponible(f"Service documents injoignable ({type(erreur).__name__}).") from None
        if reponse.status_code >= 500 or reponse.status_code == 429:
            raise DepotIndisponible(f"Service documents en échec (HTTP {reponse.status_code}).")
        if reponse.status_code >= 400:
            raise DepotRefuse(f"Service documents : {_detail(reponse)} (HTTP {reponse.status_code}).")
        return reponse


def _detail(reponse: httpx.Response) -> str:
    try:
        detail = reponse.json().get("detail")
    except ValueError:
        detail = None
    return detail if isinstance(detail, str) else "requête refusée"
