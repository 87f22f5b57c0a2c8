"""Rendering a document for a preview, and generating one for a dossier (render, then store)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contracts.documents import Cas, DocumentGenere
from contracts.process import Modele, Variable
from services.pdf.domain.documents import DocumentPrepare, preparer_document
from services.pdf.domain.donnees import FUSEAU_ADMINISTRATION
from services.pdf.domain.erreurs import DonneesInvalides
from services.pdf.ports import DepotDocuments, MoteurRendu, Proprietaire

CAS_CONNUS = [cas.value for cas in Cas]


def aujourdhui_en_france() -> date:
    return datetime.now(FUSEAU_ADMINISTRATION).date()


@dataclass
class GenerationDocuments:
    """The service's use cases, built with its ports."""

    rendu: MoteurRendu
    depot: DepotDocuments
    aujourdhui: Callable[[], date] = field(default=aujourdhui_en_france)

    async def rendre(self, modele: str, variables: Mapping[str, Any]) -> tuple[DocumentPrepare, bytes]:
        """The PDF of `modele` for `variables` (a preview: nothing is stored)."""
        variables = await self._avec_annexe(modele, variables)
        document = preparer_document(modele, variables, aujourdhui=self.aujourdhui())
        return document, await self.rendu.rendre(document)

    async def generer(
        self, modele: str, variables: Mapping[str, Any], *, cle_idempotence: str
    ) -> DocumentGenere:
        """Render `modele` and store it with the dossier `dossierId`, once per `cle_idempotence`."""
        dossier_id = variables.get(Variable.DOSSIER_ID)
        if not isinstance(dossier_id, str) or not dossier_id.strip():
            raise DonneesInvalides(modele, [(Variable.DOSSIER_ID.value, "manquant")])
        document, pdf = await self.rendre(modele, variables)
        return await self.depot.deposer(
            dossier_id=dossier_id,
            modele=document.modele,
            nom_fichier=document.nom_fichier,
            contenu=pdf,
            cle_idempotence=cle_idempotence,
            proprietaire=Proprietaire(
                _texte(variables, Variable.DEMANDEUR_ID), _texte(variables, Variable.PREFECTURE)
            ),
        )

    async def _avec_annexe(self, modele: str, variables: Mapping[str, Any]) -> Mapping[str, Any]:
        """Annexe 1 is the documents service's catalogue: fetched when the caller did not give it."""
        cas = variables.get(Variable.CAS)
        if modele != Modele.LISTE_PIECES or "annexe" in variables or cas not in CAS_CONNUS:
            return variables  # validation will say what is wrong
        return {**variables, "annexe": await self.depot.annexe(Cas(cas))}


def _texte(variables: Mapping[str, Any], nom: str) -> str | None:
    valeur = variables.get(nom)
    return valeur if isinstance(valeur, str) and valeur else None
