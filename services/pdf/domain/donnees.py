"""The data each document needs, read from the process variables (camelCase) and validated.

Every model ignores the variables it does not need: a job receives all of them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from contracts.documents import AnnexePieces, Cas
from services.pdf.domain import prefectures

FUSEAU_ADMINISTRATION = ZoneInfo("Europe/Paris")


def _jour_en_france(valeur: object) -> object:
    """A date, or the French calendar day of an ISO date-time (`dateDepot` may carry the time)."""
    if isinstance(valeur, str) and "T" in valeur:
        valeur = datetime.fromisoformat(valeur)
    if isinstance(valeur, datetime):
        moment = valeur if valeur.tzinfo else valeur.replace(tzinfo=FUSEAU_ADMINISTRATION)
        return moment.astimezone(FUSEAU_ADMINISTRATION).date()
    return valeur


Jour = Annotated[date, BeforeValidator(_jour_en_france)]
Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class Variables(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True, extra="ignore", frozen=True)


class Demandeur(Variables):
    """The `demandeur` variable, as identity's register gives it (contracts.identity)."""

    nom: Texte
    nom_usage: Texte | None = None
    prenoms: Texte
    date_naissance: Jour
    lieu_naissance: Texte
    pays_naissance: Texte | None = None
    nationalite: Texte
    numero_etranger: Texte | None = None
    courriel: Texte | None = None
    adresse: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]

    @property
    def identifiant(self) -> str:
        """The login identifier printed as "Identifiant (N° étranger)": the e-mail when there is none."""
        return self.numero_etranger or self.courriel or ""

    @property
    def lieu_de_naissance(self) -> str:
        """`BRASILIA, BRÉSIL`."""
        return ", ".join(p for p in (self.lieu_naissance, self.pays_naissance) if p).upper()


class DocumentDemandeur(Variables):
    """What every document addressed to the applicant states: the references and the identity."""

    numero_demande: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{10,30}$")]
    demandeur: Demandeur
    date_emission: Jour | None = None  # default: the day the document is generated


class DonneesConfirmationDepot(DocumentDemandeur):
    date_depot: Jour


class DonneesAttestationProlongation(DocumentDemandeur):
    date_depot: Jour
    date_fin_validite_titre: Jour


class DonneesDecisionFavorable(DocumentDemandeur):
    date_decision: Jour | None = None  # default: the date of emission
    duree_carte_annees: int = Field(4, ge=1, le=10)  # the seed's pluriannual card: 4 years
    montant_taxe: int = Field(225, ge=0, le=10_000)  # euros, the seed's amount for a renewal
    mention: Texte = "Vie privée et familiale"


class DonneesDecisionRefus(DocumentDemandeur):
    date_depot: Jour
    date_decision: Jour | None = None
    prefecture: str
    motif_decision: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]

    @field_validator("prefecture")
    @classmethod
    def _prefecture_connue(cls, valeur: str) -> str:
        prefectures.departement(valeur)
        return valeur


class DonneesListePieces(Variables):
    """Annexe 1 for one case; `annexe` is the documents service's catalogue (its wording, its order)."""

    cas: Cas
    annexe: AnnexePieces

    @model_validator(mode="after")
    def _annexe_du_cas(self) -> DonneesListePieces:
        if self.annexe.cas != self.cas:
            raise ValueError("l'annexe ne correspond pas au cas")
        return self
