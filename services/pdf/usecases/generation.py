"""Rendering a document for a preview, and generating one for a dossier (render, then store)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from contracts.documents import DocumentGenere
from contracts.process import Modele
from plumbing.clock import Clock, SystemClock
from services.pdf.domain.documents import DocumentPrepare, definition, preparer_document, verifier_apercu
from services.pdf.domain.ports import DepotDocuments, DocumentADeposer, MoteurRendu, Proprietaire


@dataclass
class GenerationDocuments:
    """The service's use cases, built with its ports."""

    rendu: MoteurRendu
    depot: DepotDocuments
    horloge: Clock = field(default_factory=SystemClock)

    async def rendre(
        self, modele: str, variables: Mapping[str, Any], *, par_un_demandeur: bool = False
    ) -> tuple[DocumentPrepare, bytes]:
        """The PDF of `modele` for `variables`: a preview for the back-office (nothing is stored),
        or Annexe 1 for an applicant before any application."""
        verifier_apercu(definition(modele), par_un_demandeur=par_un_demandeur)
        variables = await self._avec_annexe(modele, variables)
        document = preparer_document(modele, variables, aujourdhui=self.horloge.today())
        return document, await self.rendu.rendre(document)

    async def generer(
        self,
        modele: str,
        variables: Mapping[str, Any],
        *,
        dossier_id: str,
        proprietaire: Proprietaire,
        cle_idempotence: str,
    ) -> DocumentGenere:
        """Render `modele` and store it with the dossier, once per `cle_idempotence`: the engine
        may deliver the same job twice, the dossier must keep one document."""
        document, pdf = await self.rendre(modele, variables)
        return await self.depot.deposer(
            DocumentADeposer(
                dossier_id, document.modele, document.nom_fichier, pdf, cle_idempotence, proprietaire
            )
        )

    async def _avec_annexe(self, modele: str, variables: Mapping[str, Any]) -> Mapping[str, Any]:
        """Annexe 1 is the documents service's catalogue: fetched when the caller did not give it."""
        if modele != Modele.LISTE_PIECES or "annexe" in variables:
            return variables  # validation will say what is wrong
        return {**variables, "annexe": await self.depot.annexe()}
