"""The list of passwords everybody tries first, shipped with the service and read at start-up."""

from __future__ import annotations

from pathlib import Path

from services.identity.domain.mot_de_passe import PolitiqueMotDePasse

MOTS_DE_PASSE_COURANTS = Path(__file__).parent / "mots-de-passe-courants.txt"


def politique_mot_de_passe() -> PolitiqueMotDePasse:
    """The password rule, refusing the common passwords of the shipped list."""
    return PolitiqueMotDePasse.depuis_lignes(MOTS_DE_PASSE_COURANTS.read_text(encoding="utf-8").splitlines())
