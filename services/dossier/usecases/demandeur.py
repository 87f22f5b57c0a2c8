"""What the applicant's actions that reach the documents service and the engine work with."""

from __future__ import annotations

from dataclasses import dataclass

from plumbing.clock import Clock
from services.dossier.domain.ports import EnvoiCommandesMoteur, PiecesJustificatives, Transactions


@dataclass(frozen=True)
class ActionsDuDemandeur:
    """Each action commits, then sends its engine command at once (the relay's loop retries it)."""

    transactions: Transactions
    pieces: PiecesJustificatives
    envoi: EnvoiCommandesMoteur
    clock: Clock
