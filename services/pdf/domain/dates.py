"""Dates as the administration prints them (`18/08/2023`) and the periods the documents state."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from contracts.variables import Duree


def date_fr(jour: date) -> str:
    """`18/08/2023`: the only date format of the seed's documents."""
    return jour.strftime("%d/%m/%Y")


def ajouter_mois(jour: date, mois: int) -> date:
    """The same day `mois` months later, or the month's last day when it has fewer days."""
    index = jour.year * 12 + jour.month - 1 + mois
    annee, mois_suivant = divmod(index, 12)
    dernier_jour = calendar.monthrange(annee, mois_suivant + 1)[1]
    return date(annee, mois_suivant + 1, min(jour.day, dernier_jour))


def periode_de_validite(debut: date, *, mois: int, jours: int = 0) -> tuple[date, date]:
    """From `debut` included to the day before the same date `mois` months (and `jours` days) later.

    The seed: 12/09/2023 → 11/12/2023 for 3 months, 13/09/2023 → 12/09/2027 for 4 years.
    """
    return debut, ajouter_mois(debut, mois) + timedelta(days=jours - 1)


def periode_de_prolongation(fin_validite_titre: date, aujourdhui: date, validite: Duree) -> tuple[date, date]:
    """The period of the attestation de prolongation d'instruction in force `aujourdhui`.

    `validite` is the model's `delais.validiteProlongation` (3 months in the seed).

    The first one starts the day after the current title ends, each next one the day after the
    previous one ends; so a job redelivered within the same period states the same dates. An
    attestation issued before the title ends (the timer fired early) covers the first period.
    """
    debut = fin_validite_titre + timedelta(days=1)
    while True:
        periode = periode_de_validite(debut, mois=validite.en_mois, jours=validite.jours)
        if aujourdhui <= periode[1]:
            return periode
        debut = periode[1] + timedelta(days=1)
