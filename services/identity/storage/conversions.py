"""Row <-> value conversions shared by the repositories."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(valeur: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes; everything here is stored and compared in UTC."""
    if valeur is None:
        return None
    return valeur.replace(tzinfo=UTC) if valeur.tzinfo is None else valeur.astimezone(UTC)


def utc_requis(valeur: datetime) -> datetime:
    resultat = utc(valeur)
    assert resultat is not None
    return resultat
