"""Why a document cannot be generated, in French and without personal data."""

from __future__ import annotations

from pydantic import ValidationError


class DocumentImpossible(Exception):
    """A document that cannot be generated from what was given: retrying will not help."""


class ModeleInconnu(DocumentImpossible):
    def __init__(self, modele: str) -> None:
        self.modele = modele
        super().__init__(f"Modèle de document inconnu : « {modele[:60]} ».")


class ApercuReserve(Exception):
    """Only agents and services may preview a document that is not public."""

    def __init__(self, modele: str) -> None:
        self.modele = modele
        super().__init__("Seuls les agents et les services peuvent obtenir un aperçu de ce document.")


class DonneesInvalides(DocumentImpossible):
    """Missing or invalid variables; the message names the fields, never their values."""

    def __init__(self, modele: str, champs: list[tuple[str, str]]) -> None:
        self.modele = modele
        self.champs = champs
        detail = ", ".join(f"{nom} ({etat})" for nom, etat in champs)
        super().__init__(f"Données manquantes ou invalides pour le document « {modele} » : {detail}.")

    @classmethod
    def depuis(cls, modele: str, erreur: ValidationError) -> DonneesInvalides:
        champs = [
            (
                ".".join(str(p) for p in e["loc"]) or "(données)",
                "manquant" if e["type"] == "missing" else "invalide",
            )
            for e in erreur.errors(include_input=False, include_url=False)
        ]
        return cls(modele, champs)
