"""Errors of the dossier's rules, each with the French message the applicant or agent reads."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.dossier import Etape


@dataclass(frozen=True)
class ErreurChamp:
    champ: str  # camelCase path of the field, as in the API, e.g. "adresse.ville"
    message: str


class ErreurDossier(Exception):
    """Base of every rule violation; `message` is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DossierIntrouvable(ErreurDossier):
    def __init__(self) -> None:
        super().__init__("Dossier introuvable.")


class ActionReservee(ErreurDossier):
    """The actor sees the dossier but may not do this (403)."""


class HorsProcedure(ActionReservee):
    """This procedure is not the applicant's (another title, under 16, for someone else): 403."""


class EtatIncompatible(ErreurDossier):
    """The action does not fit the dossier's current status (a conflict, not bad input)."""


class SaisieInvalide(ErreurDossier):
    def __init__(self, erreurs: list[ErreurChamp], message: str = "La saisie contient des erreurs.") -> None:
        super().__init__(message)
        self.erreurs = erreurs


class DemandeurNonEligible(SaisieInvalide):
    """The seed's "Demandeur non éligible": placed with the ASE after the age of 16."""


@dataclass(frozen=True)
class Manquant:
    etape: Etape
    champ: str
    libelle: str


class DepotIncomplet(ErreurDossier):
    """What is missing, listed for the applicant (a deposit, or step 3's pieces)."""

    def __init__(
        self,
        manquants: list[Manquant],
        message: str = "Votre demande est incomplète : complétez les éléments manquants avant de la déposer.",
    ) -> None:
        super().__init__(message)
        self.manquants = manquants
