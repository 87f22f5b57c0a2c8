"""The data each document needs, read from the process variables (camelCase) and validated.

Every model ignores the variables it does not need. A job's variables come through the contract
of `pdf.generer` (`contracts.jobs.pdf`), a preview's straight from the caller: both are checked
here against what the document itself requires.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from contracts.base import JobVariables
from contracts.documents import AnnexePieces
from contracts.jobs.pdf import JourEnFrance as Jour
from contracts.variables import Delais, Demandeur, Texte
from services.pdf.domain import prefectures


def lieu_de_naissance(demandeur: Demandeur) -> str:
    """`BRASILIA, BRÉSIL`."""
    return ", ".join(p for p in (demandeur.lieu_naissance, demandeur.pays_naissance) if p).upper()


class DocumentDemandeur(JobVariables):
    """What every document addressed to the applicant states: the references and the identity."""

    numero_demande: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{10,30}$")]
    demandeur: Demandeur
    date_emission: Jour | None = None  # default: the day the document is generated


class DonneesConfirmationDepot(DocumentDemandeur):
    date_depot: Jour


class DonneesAttestationProlongation(DocumentDemandeur):
    date_depot: Jour
    date_fin_validite_titre: Jour
    delais: Delais  # validiteProlongation: how long each attestation is valid (the model's)


class DonneesDecisionFavorable(DocumentDemandeur):
    date_decision: Jour  # the valideur's date (validation form): the document is issued that day
    duree_carte_annees: int = Field(ge=1, le=10)  # the model's input mappings of the task
    montant_taxe: int = Field(ge=0, le=10_000)  # euros
    mention: Texte


class DonneesDecisionRefus(DocumentDemandeur):
    date_depot: Jour
    date_decision: Jour  # the valideur's date (validation form): the document is issued that day
    prefecture: str
    motif_decision: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]

    @field_validator("prefecture")
    @classmethod
    def _prefecture_connue(cls, valeur: str) -> str:
        prefectures.departement(valeur)
        return valeur


class DonneesListePieces(JobVariables):
    """Annexe 1, one list for everybody; `annexe` is the documents service's catalogue (its
    wording, its order)."""

    annexe: AnnexePieces
