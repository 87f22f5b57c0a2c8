"""The shapes of the process variables the services share: deadlines and requested pieces."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from contracts.variables import Duree, MotifComplement, PieceDemandee

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("duree", "depuis", "jour"),
    [
        ("P30D", date(2023, 9, 12), date(2023, 10, 12)),
        ("P45D", date(2023, 9, 16), date(2023, 10, 31)),
        ("P1M", date(2023, 1, 31), date(2023, 2, 28)),
        ("P3M", date(2023, 11, 30), date(2024, 2, 29)),
        ("P1Y", date(2024, 2, 29), date(2025, 2, 28)),
        ("P2W", date(2023, 12, 25), date(2024, 1, 8)),
    ],
)
def test_the_day_a_deadline_ends(duree: str, depuis: date, jour: date) -> None:
    assert Duree.iso(duree).apres(depuis) == jour


def test_a_requested_piece_has_a_reason_and_another_reason_says_which() -> None:
    assert PieceDemandee.model_validate({"piece": "insertion"}).motif is MotifComplement.ILLISIBLE
    perime = PieceDemandee.model_validate({"piece": "insertion", "motif": "perime", "precisionMotif": "x"})
    assert perime.precision_motif is None  # only « autre » keeps its precision
    with pytest.raises(ValidationError, match="precisionMotif"):
        PieceDemandee.model_validate({"piece": "insertion", "motif": "autre", "precisionMotif": "  "})
    with pytest.raises(ValidationError):
        PieceDemandee.model_validate({"piece": "insertion", "motif": "inconnu"})
