"""Slowing down password guessing: failures counted per identifier and per client address.

Counters are keyed by a fingerprint of what the visitor typed, whether or not an account
exists, so a lockout never tells that an account exists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Compteur:
    echecs: int
    debut_fenetre: datetime
    bloque_jusqu_au: datetime | None = None


@dataclass(frozen=True)
class PolitiqueLimitation:
    """`max_echecs` failures within `fenetre` lock the key for `blocage`."""

    max_echecs: int
    fenetre: timedelta = timedelta(minutes=15)
    blocage: timedelta = timedelta(minutes=15)

    def bloque(self, compteur: Compteur | None, maintenant: datetime) -> bool:
        return bool(compteur and compteur.bloque_jusqu_au and maintenant < compteur.bloque_jusqu_au)

    def apres_echec(self, compteur: Compteur | None, maintenant: datetime) -> Compteur:
        """One more failure; a window gone by, or a lockout served, starts the count over."""
        if (
            compteur is None
            or maintenant - compteur.debut_fenetre >= self.fenetre
            or _purge(compteur, maintenant)
        ):
            compteur = Compteur(echecs=0, debut_fenetre=maintenant)
        echecs = compteur.echecs + 1
        bloque = maintenant + self.blocage if echecs >= self.max_echecs else compteur.bloque_jusqu_au
        return Compteur(echecs=echecs, debut_fenetre=compteur.debut_fenetre, bloque_jusqu_au=bloque)

    def apres_reussite(self, compteur: Compteur) -> Compteur:
        """An attempt counted in advance (`apres_echec` before the password was checked) that
        succeeded gives its place back: the count is again that of the failures alone."""
        echecs = max(compteur.echecs - 1, 0)
        bloque = compteur.bloque_jusqu_au if echecs >= self.max_echecs else None
        return Compteur(echecs=echecs, debut_fenetre=compteur.debut_fenetre, bloque_jusqu_au=bloque)

    def verrouille_a(self, compteur: Compteur) -> bool:
        """Whether this count is the one that locked the key (once per lockout)."""
        return compteur.echecs == self.max_echecs


def _purge(compteur: Compteur, maintenant: datetime) -> bool:
    return compteur.bloque_jusqu_au is not None and maintenant >= compteur.bloque_jusqu_au


def cle_limitation(espace: str, valeur: str) -> str:
    """A counter key that does not store what was typed (an identifier, an IP address), and fits
    the column (64 characters) whatever the namespace's length."""
    return f"{espace[:20]}:" + hashlib.sha256(f"{espace}\n{valeur}".encode()).hexdigest()[:40]
