"""Statuses, status changes and events of a dossier."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from contracts.dossier import Decision, EvenementDossier, MotifCloture, Statut
from plumbing.clock import PARIS

STATUTS_EN_COURS = frozenset(
    {
        Statut.BROUILLON,
        Statut.DEPOSEE,
        Statut.EN_INSTRUCTION,
        Statut.COMPLEMENTS_DEMANDES,
        Statut.COMPLEMENTS_DEPOSES,
    }
)
STATUTS_CLOS = frozenset({Statut.ABANDONNEE, Statut.CLOTUREE_INCOMPLETE, Statut.DESISTEMENT, Statut.REFUSEE})
MOTIF_VERS_STATUT = {
    MotifCloture.INCOMPLET: Statut.CLOTUREE_INCOMPLETE,
    MotifCloture.DESISTEMENT: Statut.DESISTEMENT,
}


@dataclass(frozen=True)
class Transition:
    """A status change, kept in the history the applicant sees."""

    statut: Statut
    date: datetime
    motif: str | None = None
    origine: str | None = None  # the job that caused it, so a redelivered job changes nothing


@dataclass(frozen=True)
class Fait:
    """Something that happened to the dossier, published as `dossier.dossier.<evenement>`."""

    evenement: EvenementDossier
    date: datetime
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionRendue:
    decision: Decision
    motif: str | None
    date: datetime  # on the day the valideur recorded (its French calendar day: `instant_du_jour`)


def instant_du_jour(jour: date, maintenant: datetime) -> datetime:
    """`maintenant`'s time of day on `jour` in France (UTC): `maintenant` itself when `jour` is today.

    A decision validated today is dated now; one the valideur dated earlier keeps that day."""
    heure = maintenant.astimezone(PARIS)
    return datetime.combine(jour, heure.timetz().replace(tzinfo=None), tzinfo=PARIS).astimezone(UTC)
