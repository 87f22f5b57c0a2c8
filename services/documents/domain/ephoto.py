"""The e-photo number printed on the ANTS photo sheet: « Numéro ephoto (22 chiffres) »."""

from __future__ import annotations

import re

from services.documents.domain.erreurs import Invalide

MESSAGE_EPHOTO = "Le numéro ephoto doit comporter exactement 22 chiffres."
_SEPARATEURS = re.compile(r"[\s.\-]")
_VINGT_DEUX_CHIFFRES = re.compile(r"[0-9]{22}")


def normaliser_numero_ephoto(saisie: str) -> str:
    """The 22 digits, once the spaces, dots and dashes people type between groups are removed."""
    numero = _SEPARATEURS.sub("", saisie)
    if not _VINGT_DEUX_CHIFFRES.fullmatch(numero):
        raise Invalide(MESSAGE_EPHOTO)
    return numero
