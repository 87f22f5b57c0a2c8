"""Job contracts of the identity service: the register of issued titles learns of a decision."""

from __future__ import annotations

from datetime import date

from contracts.base import JobVariables
from contracts.jobs import JobContract, NoVariables
from contracts.process import ChoixExamen, JobType
from contracts.variables import Demandeur


class EnregistrerTitre(JobVariables):
    """What `identity.enregistrer-titre` reads: the decided dossier, its applicant, the decision's day.

    The holder is found by account (`demandeurId`, set at the process start) or else by the
    N° étranger of `demandeur`. The card's validity runs from the day after `dateDecision` (the
    valideur's date), however late the job runs.
    """

    dossier_id: str
    numero_demande: str
    demandeur: Demandeur
    decision: ChoixExamen
    date_decision: date
    demandeur_id: str | None = None


ENREGISTRER_TITRE = JobContract(
    job_type=JobType.IDENTITY_ENREGISTRER_TITRE,
    input=EnregistrerTitre,
    output=NoVariables,
    headers=NoVariables,
)

CONTRACTS = (ENREGISTRER_TITRE,)
