"""The list of passwords everybody tries first, shipped with the service and read at start-up."""

from __future__ import annotations

from pathlib import Path

from services.identity.adapters.robustesse import EstimateurZxcvbn
from services.identity.domain.mot_de_passe import PolitiqueMotDePasse

MOTS_DE_PASSE_COURANTS = Path(__file__).parent / "mots-de-passe-courants.txt"


def politique_mot_de_passe() -> PolitiqueMotDePasse:
    """The password rule, refusing the common passwords of the shipped list, then what zxcvbn
    (taught the same list and the AZERTY keyboard) finds too easy to guess."""
    politique = PolitiqueMotDePasse.depuis_lignes(
        MOTS_DE_PASSE_COURANTS.read_text(encoding="utf-8").splitlines()
    )
    return PolitiqueMotDePasse(politique.courants, EstimateurZxcvbn(sorted(politique.courants)))
