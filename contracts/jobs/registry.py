"""Every job contract of the process, by job type, and the variables an instance starts with."""

from __future__ import annotations

from contracts.base import wire_names
from contracts.jobs import JobContract, documents, dossier, identity, notifier, pdf

CONTRACTS: dict[str, JobContract] = {
    str(contract.job_type): contract
    for contract in (
        *dossier.CONTRACTS,
        *documents.CONTRACTS,
        *identity.CONTRACTS,
        *notifier.CONTRACTS,
        *pdf.CONTRACTS,
    )
}

VARIABLES_DE_DEMARRAGE = frozenset(wire_names(dossier.VariablesDemarrage))
