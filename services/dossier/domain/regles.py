"""Age, case and eligibility rules of the seed."""

from __future__ import annotations

from datetime import date

from contracts.dossier import Cas

AGE_MAJORITE = 18
AGE_LIMITE_PRISE_EN_CHARGE = 16
AGE_MINIMUM_EMANCIPATION = 16


def age_le(date_naissance: date, jour: date) -> int:
    """Age in whole years on `jour` (someone born on 29 February has a birthday on 1 March)."""
    anniversaire_passe = (jour.month, jour.day) >= (date_naissance.month, date_naissance.day)
    return jour.year - date_naissance.year - (0 if anniversaire_passe else 1)


def anniversaire(date_naissance: date, age: int) -> date:
    """The day `age` is reached (1 March for a 29 February birth in a common year)."""
    try:
        return date_naissance.replace(year=date_naissance.year + age)
    except ValueError:
        return date(date_naissance.year + age, 3, 1)


def cas_du_demandeur(date_naissance: date, mineur_emancipe: bool, jour: date) -> Cas:
    """The seed's three cases: mineur non émancipé, mineur émancipé, majeur."""
    if age_le(date_naissance, jour) >= AGE_MAJORITE:
        return Cas.MAJEUR
    return Cas.MINEUR_EMANCIPE if mineur_emancipe else Cas.MINEUR


def pris_en_charge_a_temps(date_naissance: date, date_prise_en_charge: date) -> bool:
    """Eligible only when placed with the ASE at 16 at the latest (on the 16th birthday at the latest)."""
    return date_prise_en_charge <= anniversaire(date_naissance, AGE_LIMITE_PRISE_EN_CHARGE)
