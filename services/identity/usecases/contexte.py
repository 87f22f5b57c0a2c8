"""What every use case receives besides its repositories: tools, rules and settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from plumbing.clock import Clock
from services.identity.domain.erreurs import ErreurIdentite
from services.identity.domain.limitation import PolitiqueLimitation
from services.identity.domain.mot_de_passe import PolitiqueMotDePasse
from services.identity.domain.ports import Hacheur, Signataire
from services.identity.domain.sessions import PolitiqueSession


@dataclass(frozen=True)
class Reglages:
    url_publique: str = "http://127.0.0.1:8000"
    duree_lien_confirmation: timedelta = timedelta(hours=24)
    duree_lien_reinitialisation: timedelta = timedelta(hours=1)
    duree_appareil: timedelta = timedelta(days=180)  # a browser's device token
    anti_doublon: timedelta = timedelta(minutes=2)  # a second identical submission changes nothing
    session: PolitiqueSession = field(default_factory=PolitiqueSession)
    limitation_identifiant: PolitiqueLimitation = field(default_factory=lambda: PolitiqueLimitation(5))
    limitation_adresse: PolitiqueLimitation = field(default_factory=lambda: PolitiqueLimitation(30))


@dataclass(frozen=True)
class Outils:
    hacheur: Hacheur
    signataire: Signataire
    politique_mot_de_passe: PolitiqueMotDePasse
    clock: Clock
    nouveau_jeton_session: Callable[[], str]
    reglages: Reglages = field(default_factory=Reglages)


@dataclass(frozen=True)
class Refus:
    """A refusal whose side effects (a failure counted) must be committed before answering."""

    erreur: ErreurIdentite


T = TypeVar("T")


def accepter(resultat: T | Refus) -> T:
    """After the transaction: raise the refusal, or give back the result."""
    if isinstance(resultat, Refus):
        raise resultat.erreur
    return resultat
