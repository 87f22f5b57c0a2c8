"""The seed's rules: the three cases, "placed at 16 at the latest", the application number."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.dossier import Cas
from contracts.identity import Adresse
from services.dossier.domain.numero import departement_de, numero_demande
from services.dossier.domain.regles import age_le, anniversaire, cas_du_demandeur, pris_en_charge_a_temps

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("naissance", "emancipe", "cas"),
    [
        (date(2006, 7, 1), False, Cas.MINEUR),  # SEPT ETRANGER on 18/08/2023
        (date(2006, 7, 1), True, Cas.MINEUR_EMANCIPE),
        (date(2004, 8, 1), False, Cas.MAJEUR),  # HUIT ETRANGER
        (date(2004, 8, 1), True, Cas.MAJEUR),  # the box means nothing for an adult
        (date(2005, 8, 18), False, Cas.MAJEUR),  # 18 today
        (date(2005, 8, 19), False, Cas.MINEUR),  # 18 tomorrow
    ],
)
def test_the_case_comes_from_the_birth_date_and_the_emancipation_box(
    naissance: date, emancipe: bool, cas: Cas
) -> None:
    assert cas_du_demandeur(naissance, emancipe, date(2023, 8, 18)) is cas


def test_someone_born_on_29_february_has_a_birthday_on_1_march_in_common_years() -> None:
    assert age_le(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_le(date(2008, 2, 29), date(2026, 3, 1)) == 18
    assert anniversaire(date(2007, 2, 28), 16) == date(2023, 2, 28)
    assert anniversaire(date(2008, 2, 29), 18) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("prise_en_charge", "eligible"),
    [
        (date(2020, 3, 1), True),
        (date(2022, 7, 1), True),  # on the 16th birthday: at 16 at the latest
        (date(2022, 7, 2), False),  # "une date de prise en charge après ses 16 ans"
        (date(2023, 1, 1), False),
    ],
)
def test_eligible_only_when_placed_with_the_ase_at_16_at_the_latest(
    prise_en_charge: date, eligible: bool
) -> None:
    assert pris_en_charge_a_temps(date(2006, 7, 1), prise_en_charge) is eligible


def test_the_number_has_the_seeds_format() -> None:
    numero = numero_demande(departement="59", guichet="01", jour=date(2023, 8, 18), sequence=190)
    assert numero == "5901202308180000190"
    assert numero_demande(departement="971", guichet="02", jour=date(2024, 1, 2), sequence=1) == (
        "97102202401020000001"
    )


@pytest.mark.parametrize("sequence", [0, 10_000_000])
def test_a_daily_sequence_holds_on_7_digits(sequence: int) -> None:
    with pytest.raises(ValueError):
        numero_demande(departement="59", guichet="01", jour=date(2023, 8, 18), sequence=sequence)


@pytest.mark.parametrize(
    ("code_postal", "code_insee", "departement"),
    [
        ("59000", "59350", "59"),
        ("59000", None, "59"),
        ("20000", "2A004", "2A"),
        ("20200", "2B033", "2B"),
        ("20137", None, "2A"),
        ("20200", None, "2B"),
        ("97400", "97411", "974"),
        ("97110", None, "971"),
        ("ABCDE", None, "62"),  # not a postal code: the register's préfecture stands
    ],
)
def test_the_departement_comes_from_the_insee_code_or_the_postal_code(
    code_postal: str, code_insee: str | None, departement: str
) -> None:
    adresse = Adresse(voie="RUE", code_postal=code_postal, ville="VILLE", code_insee=code_insee)
    assert departement_de(adresse, "62") == departement
