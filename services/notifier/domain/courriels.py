"""E-mails: which ones exist, what each needs, and how often a failed delivery is tried again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from contracts.courriel import (
    MODELES_PAR_EXPEDITEUR,
    DemandeCourriel,
    ModeleCourriel,
    PieceJointeCourriel,
    expediteur,
)

__all__ = ["DemandeEnvoi", "ModeleCourriel", "PieceJointeCourriel"]


SUJETS: dict[ModeleCourriel, str] = {
    ModeleCourriel.CONFIRMATION_COMPTE: "ANEF - Confirmation de votre adresse email",
    ModeleCourriel.REINITIALISATION_MOT_DE_PASSE: "ANEF - Réinitialisation de votre mot de passe",
    ModeleCourriel.COMPTE_BLOQUE: "ANEF - Connexion à votre compte temporairement bloquée",
    ModeleCourriel.NOTIFICATION: "ANEF - Vous venez de recevoir une notification",
    ModeleCourriel.CONFIRMATION_DEPOT: "ANEF - Confirmation du dépôt de votre demande de titre de séjour",
}

DONNEES_REQUISES: dict[ModeleCourriel, tuple[str, ...]] = {
    ModeleCourriel.CONFIRMATION_COMPTE: ("lien",),
    ModeleCourriel.REINITIALISATION_MOT_DE_PASSE: ("lien",),
    ModeleCourriel.COMPTE_BLOQUE: ("lien",),
    ModeleCourriel.NOTIFICATION: ("lien",),
    ModeleCourriel.CONFIRMATION_DEPOT: (),
}


class CourrielRefuse(Exception):
    """The relay refused this e-mail for good (e.g. 5xx): retrying would not help."""


class ModeleIntrouvable(Exception):
    """No template renders this request."""


class DemandeEnvoi(DemandeCourriel):
    """A request read from the e-mail queue: `contracts.courriel.DemandeCourriel`, which lists every
    template the notifier knows, those other services ask for and those it queues for itself."""

    def donnees_manquantes(self) -> list[str]:
        return [name for name in DONNEES_REQUISES[self.modele] if not self.donnees.get(name)]

    def refus(self, subject: str) -> str | None:
        """Why this request, published on `subject`, is not to be sent; None when it may be.

        The subject names the requesting service (NATS lets each publish on its own only); a
        service asks only for its templates, and attaches only documents of the request's dossier.
        """
        service = expediteur(subject)
        if service is None:
            return "expéditeur inconnu"
        if self.modele not in MODELES_PAR_EXPEDITEUR[service]:
            return f"modèle non autorisé pour {service}"
        if any(piece.dossier_id != self.dossier_id for piece in self.pieces_jointes):
            return "pièce jointe d'un autre dossier que celui de la demande"
        return None


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


@dataclass(frozen=True)
class CourrielAbandonne:
    """A dead letter: the raw request (to replay it) and why it was given up, never to whom."""

    idempotence: str
    modele: str
    subject: str
    demande: str
    erreur: str
    livraisons: int
    le: datetime


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
