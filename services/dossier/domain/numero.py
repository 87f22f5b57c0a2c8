"""The application number: département + guichet + date + daily sequence (`5901202308180000190`)."""

from __future__ import annotations

import re
from datetime import date

from contracts.identity import Adresse

SEQUENCE_MAX = 9_999_999
_CORSE_DU_SUD = ("200", "201")


def departement_de(adresse: Adresse, repli: str) -> str:
    """Département of an address: 2 digits, 2A/2B in Corsica, 3 digits overseas (971 to 989)."""
    insee = (adresse.code_insee or "").upper()
    if re.fullmatch(r"2[AB]\d{3}", insee):
        return insee[:2]
    code = insee if re.fullmatch(r"\d{5}", insee) else adresse.code_postal
    if not re.fullmatch(r"\d{5}", code or ""):
        return repli
    if code.startswith(("97", "98")):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code[:3] in _CORSE_DU_SUD else "2B"
    return code[:2]


def numero_demande(*, departement: str, guichet: str, jour: date, sequence: int) -> str:
    """E.g. département 59, guichet 01, 18/08/2023, 190th of the day -> 5901202308180000190."""
    if not 1 <= sequence <= SEQUENCE_MAX:
        raise ValueError("séquence journalière hors limites")
    return f"{departement}{guichet}{jour:%Y%m%d}{sequence:07d}"


def cle_sequence(*, departement: str, guichet: str, jour: date) -> str:
    """The daily counter a number is drawn from: one per département, guichet and day."""
    return f"{departement}{guichet}{jour:%Y%m%d}"
