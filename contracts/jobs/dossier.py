"""Job contracts of the dossier service: what each `dossier.*` service task reads and writes back.

Every job reads `dossierId`; the task's custom headers (`statut`, `motif`, `alerte`) are fixed by
the model. `dossier.ouvrir-complements` and `dossier.enregistrer-decision` throw the BPMN error
`dossier-clos` (`contracts.dossier.ErreurMetier`) on a withdrawn or closed dossier.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from contracts.base import JobVariables
from contracts.dossier import Cas, Decision, MotifCloture, Statut
from contracts.jobs import JobContract, NoVariables
from contracts.process import JobType
from contracts.variables import Demandeur, PieceDemandee

CODE_ALERTE = r"^[a-z0-9][a-z0-9-]{0,49}$"


class VariablesDemarrage(JobVariables):
    """The variables an instance of the process starts with, set by the dossier at the deposit."""

    dossier_id: str
    demandeur_id: str
    cas: Cas | None = None
    prefecture: str  # candidate group, `contracts.variables.groupe_prefecture`
    date_fin_validite_titre: date
    correlation_id: str


class JobDossier(JobVariables):
    """The input of every dossier job: which dossier."""

    dossier_id: str


class DossierEnregistre(JobVariables):
    """What the process needs after the deposit: the number, the case, who instructs, the applicant."""

    numero_demande: str
    date_depot: date
    cas: Cas
    prefecture: str  # candidate group, `contracts.variables.groupe_prefecture`
    date_fin_validite_titre: date
    demandeur: Demandeur


class EnTetesStatut(JobVariables):
    statut: Statut  # one of `contracts.dossier.STATUTS_PROCESSUS`


class PiecesDemandees(JobDossier):
    pieces_demandees: list[PieceDemandee] = Field(max_length=50)


class RondeOuverte(JobVariables):
    ronde_complements: int


class DecisionPrise(JobDossier):
    decision: Decision
    motif_decision: Annotated[str, StringConstraints(max_length=4000)] | None = None
    date_decision: date  # the day of the decision, as the valideur recorded it (validation form)


class EnTetesCloture(JobVariables):
    motif: MotifCloture


class EnTetesAlerte(JobVariables):
    alerte: Annotated[str, StringConstraints(pattern=CODE_ALERTE)]  # e.g. `rejet-implicite`


ENREGISTRER = JobContract(
    JobType.DOSSIER_ENREGISTRER, input=JobDossier, output=DossierEnregistre, headers=NoVariables
)
CHANGER_STATUT = JobContract(
    JobType.DOSSIER_CHANGER_STATUT, input=JobDossier, output=NoVariables, headers=EnTetesStatut
)
OUVRIR_COMPLEMENTS = JobContract(
    JobType.DOSSIER_OUVRIR_COMPLEMENTS, input=PiecesDemandees, output=RondeOuverte, headers=NoVariables
)
ENREGISTRER_DECISION = JobContract(
    JobType.DOSSIER_ENREGISTRER_DECISION, input=DecisionPrise, output=NoVariables, headers=NoVariables
)
CLOTURER = JobContract(JobType.DOSSIER_CLOTURER, input=JobDossier, output=NoVariables, headers=EnTetesCloture)
ALERTER = JobContract(JobType.DOSSIER_ALERTER, input=JobDossier, output=NoVariables, headers=EnTetesAlerte)

CONTRACTS = (ENREGISTRER, CHANGER_STATUT, OUVRIR_COMPLEMENTS, ENREGISTRER_DECISION, CLOTURER, ALERTER)
