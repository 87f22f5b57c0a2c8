"""Counting failures per identifier and per client address, and refusing while locked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from services.identity.domain.limitation import PolitiqueLimitation, cle_limitation
from services.identity.domain.ports import Depots
from services.identity.usecases.contexte import Outils


@dataclass(frozen=True)
class Garde:
    """The counters of one form (`espace`, e.g. "connexion-demandeur") for one visitor."""

    depots: Depots
    outils: Outils
    cle_identifiant: str | None
    cle_adresse: str | None

    @classmethod
    def pour(
        cls, depots: Depots, outils: Outils, espace: str, identifiant: str | None, adresse: str | None
    ) -> Garde:
        return cls(
            depots,
            outils,
            cle_limitation(espace, identifiant) if identifiant is not None else None,
            # without the visitor's address (a direct call), only the identifier counts
            cle_limitation(f"{espace}-adresse", adresse) if adresse else None,
        )

    def bloque(self) -> bool:
        maintenant, tentatives = self.outils.clock.now(), self.depots.tentatives
        return any(politique.bloque(tentatives.compteur(cle), maintenant) for cle, politique in self._cles())

    def echec(self) -> None:
        maintenant, tentatives = self.outils.clock.now(), self.depots.tentatives
        for cle, politique in self._cles():
            tentatives.enregistrer(
                cle, politique.apres_echec(tentatives.verrouiller(cle, maintenant), maintenant)
            )

    def reussite(self) -> None:
        """Forget the identifier's failures; the address's stay, so that one known account does
        not reset the budget of someone trying others from the same address."""
        if self.cle_identifiant:
            self.depots.tentatives.effacer(self.cle_identifiant)

    def _cles(self) -> Iterator[tuple[str, PolitiqueLimitation]]:
        reglages = self.outils.reglages
        if self.cle_identifiant:
            yield self.cle_identifiant, reglages.limitation_identifiant
        if self.cle_adresse:
            yield self.cle_adresse, reglages.limitation_adresse
