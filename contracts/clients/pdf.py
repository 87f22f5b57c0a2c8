"""Client of the pdf service's internal API: the documents it renders, and previews.

    GET  /modeles            -> [{modele, titre}]
    POST /rendus/{modele}    the process variables (JSON object) -> the PDF

An applicant may have only the public documents (the liste des pièces, Annexe 1); agents and
services may preview any document from variables. Nothing is stored.
"""

from __future__ import annotations

from typing import Any

from contracts.base import ContractModel
from contracts.clients.base import FichierLu, InternalApiClient, fichier_lu, path


class ModeleDocument(ContractModel):
    modele: str  # a contracts.process.Modele that has a PDF
    titre: str  # « Liste des documents justificatifs à fournir »


class PdfClient(InternalApiClient):
    service = "pdf"

    async def modeles(self) -> list[ModeleDocument]:
        return await self.get_model(list[ModeleDocument], "/modeles")

    async def rendre(self, modele: str, variables: dict[str, Any]) -> FichierLu:
        """The PDF of `modele` made from `variables`, named as it would be stored."""
        return fichier_lu(await self.request("POST", path("rendus", modele), json=variables))

    async def liste_des_pieces(self) -> FichierLu:
        """Annexe 1 « Liste des pièces justificatives demandées », one list for everybody (anyone
        may have it)."""
        return await self.rendre("liste-pieces", {})
