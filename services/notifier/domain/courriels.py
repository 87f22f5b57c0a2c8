"""E-mails: which ones exist, what each needs, and how often a failed delivery is tried again."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ModeleCourriel(StrEnum):
    """Every e-mail the notifier sends; the first two are asked for by the identity service."""

    CONFIRMATION_COMPTE = "confirmation-compte"
    REINITIALISATION_MOT_DE_PASSE = "reinitialisation-mot-de-passe"
    NOTIFICATION = "notification"
    CONFIRMATION_DEPOT = "confirmation-depot"


SUJETS: dict[ModeleCourriel, str] = {
    ModeleCourriel.CONFIRMATION_COMPTE: "ANEF - Confirmation de votre adresse email",
    ModeleCourriel.REINITIALISATION_MOT_DE_PASSE: "ANEF - Réinitialisation de votre mot de passe",
    ModeleCourriel.NOTIFICATION: "ANEF - Vous venez de recevoir une notification",
    ModeleCourriel.CONFIRMATION_DEPOT: "ANEF - Confirmation du dépôt de votre demande de titre de séjour",
}

DONNEES_REQUISES: dict[ModeleCourriel, tuple[str, ...]] = {
    ModeleCourriel.CONFIRMATION_COMPTE: ("lien",),
    ModeleCourriel.REINITIALISATION_MOT_DE_PASSE: ("lien",),
    ModeleCourriel.NOTIFICATION: ("lien",),
    ModeleCourriel.CONFIRMATION_DEPOT: (),
}


class PieceJointeCourriel(BaseModel):
    """A generated document of the dossier, fetched from the documents service when sending."""

    dossier_id: str = Field(min_length=1, max_length=64)
    document_id: str = Field(min_length=1, max_length=64)
    nom_fichier: str = Field("document.pdf", max_length=200)


class DemandeEnvoi(BaseModel):
    """A request read from the e-mail queue.

    The same fields as `contracts.courriel.DemandeCourriel` (what other services publish), with
    every template the notifier knows, including those it queues for itself.
    """

    model_config = ConfigDict(frozen=True)

    modele: ModeleCourriel
    destinataire: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    donnees: dict[str, Any] = Field(default_factory=dict)
    idempotence: str = Field(min_length=1, max_length=200)
    pieces_jointes: list[PieceJointeCourriel] = Field(default_factory=list, max_length=5)

    def donnees_manquantes(self) -> list[str]:
        return [name for name in DONNEES_REQUISES[self.modele] if not self.donnees.get(name)]


@dataclass(frozen=True)
class Fichier:
    nom: str
    contenu: bytes
    type_media: str = "application/pdf"


@dataclass(frozen=True)
class Courriel:
    """A rendered e-mail, ready for the SMTP relay."""

    destinataire: str
    sujet: str
    texte: str
    html: str
    idempotence: str
    pieces_jointes: tuple[Fichier, ...] = ()


class Issue(StrEnum):
    """What became of one delivery of a queued e-mail."""

    ENVOYE = "envoye"
    DOUBLON = "doublon"
    REESSAI = "reessai"
    ABANDON = "abandon"


@dataclass(frozen=True)
class PolitiqueReessai:
    """Exponential backoff between deliveries, then a dead letter after the last one."""

    delai_initial: float = 5.0
    delai_maximum: float = 900.0
    livraisons_max: int = 12

    def delai(self, livraison: int) -> float:
        """Seconds to wait after the `livraison`-th delivery (1, 2, ...) failed."""
        return float(min(self.delai_maximum, self.delai_initial * 2 ** max(0, livraison - 1)))

    def abandonner(self, livraison: int) -> bool:
        return livraison >= self.livraisons_max
