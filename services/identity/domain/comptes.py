"""Applicant and agent accounts, and how a visitor's identifier is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from contracts.identity import Role

COURRIEL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
NUMERO_ETRANGER = re.compile(r"^\d{10}$")

MESSAGE_COURRIEL_INVALIDE = "L'adresse email saisie n'est pas valide (exemple : prenom.nom@exemple.fr)."
MESSAGE_COURRIELS_DIFFERENTS = "La confirmation de l'adresse email ne correspond pas à l'adresse saisie."


class EtatCompte(StrEnum):
    EN_ATTENTE = "en_attente"  # created, e-mail not confirmed or password not yet chosen
    ACTIF = "actif"


@dataclass
class CompteDemandeur:
    id: str
    personne_id: str
    courriel: str
    etat: EtatCompte
    cree_le: datetime
    mot_de_passe: str | None = None  # argon2id hash
    courriel_confirme_le: datetime | None = None

    @property
    def actif(self) -> bool:
        return self.etat is EtatCompte.ACTIF and self.mot_de_passe is not None


@dataclass
class CompteAgent:
    id: str
    identifiant: str
    nom: str
    prenom: str
    mot_de_passe: str
    roles: list[Role] = field(default_factory=list)
    prefectures: list[str] = field(default_factory=list)
    actif: bool = True


def normaliser_courriel(courriel: str) -> str:
    """E-mail addresses compare case-insensitively in practice (and in every mail relay we use)."""
    return courriel.strip().lower()


def courriel_valide(courriel: str) -> bool:
    return len(courriel) <= 254 and COURRIEL.match(courriel) is not None


def normaliser_identifiant(identifiant: str) -> str:
    """A N° étranger is typed with spaces sometimes; an e-mail in any case."""
    brut = identifiant.strip()
    if "@" in brut:
        return normaliser_courriel(brut)
    return "".join(brut.split())
