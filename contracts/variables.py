"""Shapes of the structured process variables, defined once for every service that reads them.

`demandeur` is written by `dossier.enregistrer` and read by the pdf, notifier and identity
workers; `prefecture` is the candidate group of the instructing agents; `document` is the PDF that
`pdf.generer` produced; `piecesDemandees` is what the agent's examination form asks for.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import StringConstraints

from contracts.base import ContractModel

Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
PREFIXE_GROUPE_PREFECTURE = "prefecture-"


class Demandeur(ContractModel):
    """The `demandeur` variable: the applicant as the register knows them at the deposit."""

    nom: Texte
    nom_usage: Texte | None = None
    prenoms: Texte
    sexe: Literal["F", "M"] | None = None
    date_naissance: date
    pays_naissance: Texte | None = None
    lieu_naissance: Texte
    nationalite: Texte
    numero_etranger: Texte | None = None
    courriel: Texte | None = None
    adresse: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]

    @property
    def identifiant(self) -> str:
        """The login identifier: the N° étranger, or the e-mail when there is none."""
        return self.numero_etranger or self.courriel or ""


class PieceDemandee(ContractModel):
    """One line of `piecesDemandees`: a piece code of the catalogue and the agent's observation."""

    piece: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    observation: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class DocumentProduit(ContractModel):
    """The `document` variable: a PDF generated and stored by the documents service."""

    id: str
    modele: str
    nom_fichier: str


def groupe_prefecture(departement: str) -> str:
    """« 59 » → « prefecture-59 », the candidate group of that préfecture's agents."""
    return f"{PREFIXE_GROUPE_PREFECTURE}{departement}"


def departement_du_groupe(valeur: str) -> str:
    """« prefecture-59 » (or « 59 ») → « 59 »."""
    return valeur.strip().removeprefix(PREFIXE_GROUPE_PREFECTURE)
