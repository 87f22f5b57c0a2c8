"""An applicant as identity knows them: their account, their register entry, their title in force."""

from __future__ import annotations

from dataclasses import dataclass

from services.identity.domain.comptes import CompteDemandeur
from services.identity.domain.registre import Personne, Titre, departement_de


@dataclass(frozen=True)
class Fiche:
    compte: CompteDemandeur
    personne: Personne
    titre_en_cours: Titre

    @property
    def prefecture(self) -> str:
        """The préfecture in charge: the département of the applicant's address."""
        return departement_de(self.personne.adresse.code_postal)
