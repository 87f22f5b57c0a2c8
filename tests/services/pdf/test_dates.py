from datetime import date

import pytest

from contracts.variables import Duree
from services.pdf.domain.dates import ajouter_mois, date_fr, periode_de_prolongation, periode_de_validite

pytestmark = pytest.mark.unit


def test_dates_are_printed_the_french_way() -> None:
    assert date_fr(date(2023, 8, 18)) == "18/08/2023"
    assert date_fr(date(2006, 7, 1)) == "01/07/2006"


@pytest.mark.parametrize(
    ("jour", "mois", "attendu"),
    [
        (date(2023, 9, 12), 3, date(2023, 12, 12)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year, shortened to the month's last day
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2023, 9, 13), 48, date(2027, 9, 13)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_months_last(jour: date, mois: int, attendu: date) -> None:
    assert ajouter_mois(jour, mois) == attendu


def test_validity_periods_of_the_seed() -> None:
    assert periode_de_validite(date(2023, 9, 12), mois=3) == (date(2023, 9, 12), date(2023, 12, 11))
    assert periode_de_validite(date(2023, 9, 13), mois=48) == (date(2023, 9, 13), date(2027, 9, 12))


TROIS_MOIS = Duree(mois=3)


def test_first_prolongation_starts_the_day_after_the_title_ends() -> None:
    fin_titre = date(2023, 9, 11)
    assert periode_de_prolongation(fin_titre, date(2023, 9, 12), TROIS_MOIS) == (
        date(2023, 9, 12),
        date(2023, 12, 11),
    )
    # issued a little early (the timer fired on the last day of the title): the same first period
    assert periode_de_prolongation(fin_titre, date(2023, 9, 11), TROIS_MOIS) == (
        date(2023, 9, 12),
        date(2023, 12, 11),
    )


def test_each_renewal_follows_the_previous_period_without_gap() -> None:
    fin_titre = date(2023, 9, 11)
    assert periode_de_prolongation(fin_titre, date(2023, 12, 11), TROIS_MOIS) == (
        date(2023, 9, 12),
        date(2023, 12, 11),
    )
    assert periode_de_prolongation(fin_titre, date(2023, 12, 12), TROIS_MOIS) == (
        date(2023, 12, 12),
        date(2024, 3, 11),
    )
    assert periode_de_prolongation(fin_titre, date(2024, 3, 20), TROIS_MOIS) == (
        date(2024, 3, 12),
        date(2024, 6, 11),
    )


def test_the_validity_is_the_models() -> None:
    """A process owner who sets `delais.validiteProlongation` to P45D gets 45-day attestations."""
    fin_titre = date(2023, 9, 11)
    quarante_cinq_jours = Duree(jours=45)
    assert periode_de_prolongation(fin_titre, date(2023, 9, 12), quarante_cinq_jours) == (
        date(2023, 9, 12),
        date(2023, 10, 26),
    )
    assert periode_de_prolongation(fin_titre, date(2023, 10, 27), quarante_cinq_jours)[0] == date(
        2023, 10, 27
    )
