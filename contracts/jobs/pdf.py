"""`pdf.generer`: render the document named by the task header `modele` and store it with the dossier.

The input is every variable one of the templates reads; each template then checks the ones it
needs (`services.pdf.domain.donnees`), so a variable another template needs may be absent.
`dureeCarteAnnees`, `montantTaxe` and `mention` (attestation de décision favorable) are input
mappings of its task in the model; `dateDecision` is the day the valideur recorded in the validation
form: the decision's documents state it, and are issued that day, however late their job runs.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints

from contracts.base import JobVariables
from contracts.documents import Cas
from contracts.jobs import JobContract
from contracts.process import JobType, Modele
from contracts.variables import Delais, Demandeur, DocumentProduit, Texte
from plumbing.clock import day_in_france


def jour_en_france(valeur: object) -> object:
    """A date, or the French calendar day of an ISO date-time (`dateDepot` may carry the time)."""
    if isinstance(valeur, str) and "T" in valeur:
        valeur = datetime.fromisoformat(valeur)
    if isinstance(valeur, datetime):
        return day_in_france(valeur)
    return valeur


JourEnFrance = Annotated[date, BeforeValidator(jour_en_france)]


class GenererHeaders(JobVariables):
    modele: Modele  # the document; a notification-only template is refused by the worker


class GenererInput(JobVariables):
    dossier_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    demandeur_id: str | None = None  # the dossier's owner, for the documents service
    prefecture: str | None = None  # `prefecture-59`: the authority of a refusal, the dossier's agents
    numero_demande: str | None = None
    demandeur: Demandeur | None = None
    cas: Cas | None = None  # which Annexe 1 the liste des pièces gives
    date_depot: JourEnFrance | None = None
    date_fin_validite_titre: JourEnFrance | None = None
    date_emission: JourEnFrance | None = None  # default: the day of generation (of deposit: confirmation)
    date_decision: JourEnFrance | None = None  # recorded by the valideur (validation form)
    motif_decision: str | None = None
    delais: Delais | None = None  # the model's deadlines: the attestation de prolongation's validity
    # the card of a favourable decision, set by the model's input mappings on its task
    duree_carte_annees: int | None = Field(None, ge=1, le=10)
    montant_taxe: int | None = Field(None, ge=0, le=10_000)  # euros
    mention: Texte | None = None


class GenererOutput(JobVariables):
    document: DocumentProduit


GENERER = JobContract(JobType.PDF_GENERER, GenererInput, GenererOutput, GenererHeaders)

CONTRACTS = (GENERER,)
