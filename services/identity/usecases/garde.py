"""Counting failures per identifier and per client address, and refusing while locked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from services.identity.domain.limitation import PolitiqueLimitation, cle_limitation
from services.identity.domain.ports import Depots
from services.identity.usecases.contexte import Outils


@dataclass(frozen=True)
class Reservation:
    """An attempt (sign-in, account creation, reset request) counted as a failure before it is
    checked."""

    # this attempt is the one that locked the identifier for every browser but those it signed
    # in from before (the last attempt allowed): its owner is to be told
    verrouille: bool


@dataclass(frozen=True)
class Garde:
    """The counters of one form (`espace`, e.g. "connexion-demandeur") for one visitor."""

    depots: Depots
    outils: Outils
    cle_identifiant: str | None
    cle_adresse: str | None
    depuis_un_appareil_connu: bool = False

    @classmethod
    def pour(
        cls,
        depots: Depots,
        outils: Outils,
        espace: str,
        identifiant: str | None,
        adresse: str | None,
        appareil: str | None = None,
    ) -> Garde:
        """`appareil`: a browser where this identifier signed in before (its signed cookie, checked):
        its attempts have a budget of their own, so a stranger locking the identifier or the
        address does not lock out the owner's own browser."""
        if identifiant is not None and appareil is not None:
            cle = cle_limitation("appareil", f"{espace}\n{identifiant}\n{appareil}")
            return cls(depots, outils, cle, None, depuis_un_appareil_connu=True)
        return cls(
            depots,
            outils,
            cle_limitation(espace, identifiant) if identifiant is not None else None,
            # without the visitor's address (a direct call), only the identifier counts
            cle_limitation(f"{espace}-adresse", adresse) if adresse else None,
        )

    def reserver(self) -> Reservation | None:
        """Count this attempt as a failure before it is checked, or None while locked.

        Sign-in runs it in a transaction of its own, committed before the (slow) password check;
        the other forms in their transaction, the check being quick. The counters are locked
        (row lock on PostgreSQL, the database's write lock on SQLite) before they are read, so
        parallel attempts are counted one after the other and at most the allowed number of them
        is ever checked. A success gives its place back (`reussite`).
        """
        maintenant, tentatives = self.outils.clock.now(), self.depots.tentatives
        cles = list(self._cles())
        compteurs = [tentatives.verrouiller(cle, maintenant) for cle, _ in cles]
        if any(
            politique.bloque(compteur, maintenant)
            for (_, politique), compteur in zip(cles, compteurs, strict=True)
        ):
            return None
        verrouille = False
        for (cle, politique), compteur in zip(cles, compteurs, strict=True):
            apres = politique.apres_echec(compteur, maintenant)
            tentatives.enregistrer(cle, apres)
            verrouille |= cle == self.cle_identifiant and politique.verrouille_a(apres)
        return Reservation(verrouille=verrouille and not self.depuis_un_appareil_connu)

    def reussite(self) -> None:
        """After `reserver`, the password was right: forget the identifier's failures. The
        address's stay, so that one known account does not reset the budget of someone trying
        others from the same address; it only gets back the place this attempt took."""
        tentatives = self.depots.tentatives
        if self.cle_identifiant:
            tentatives.effacer(self.cle_identifiant)
        if self.cle_adresse:
            politique = self.outils.reglages.limitation_adresse
            compteur = tentatives.verrouiller(self.cle_adresse, self.outils.clock.now())
            tentatives.enregistrer(self.cle_adresse, politique.apres_reussite(compteur))

    def _cles(self) -> Iterator[tuple[str, PolitiqueLimitation]]:
        reglages = self.outils.reglages
        if self.cle_identifiant:
            yield self.cle_identifiant, reglages.limitation_identifiant
        if self.cle_adresse:
            yield self.cle_adresse, reglages.limitation_adresse
