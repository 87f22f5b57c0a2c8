"""Job contracts of the documents service: `documents.sceller` freezes a dossier's documents.

The process runs it at the deposit and at the end of each complement round (the same job: it
freezes the current files and closes whatever round is open).
"""

from __future__ import annotations

from contracts.base import JobVariables
from contracts.jobs import JobContract, NoVariables
from contracts.process import JobType


class ScellerEntree(JobVariables):
    dossier_id: str
    prefecture: str | None = None  # « prefecture-59 », set by `dossier.enregistrer` before the deposit


class ScellerSortie(JobVariables):
    documents_scelles: int  # the dossier's current files, all frozen


SCELLER = JobContract(
    job_type=JobType.DOCUMENTS_SCELLER, input=ScellerEntree, output=ScellerSortie, headers=NoVariables
)

CONTRACTS = (SCELLER,)
