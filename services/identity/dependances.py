"""Wiring: from settings to the tools and the unit of work every entry point uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from plumbing.database import create_database_engine, create_session_factory
from services.identity.domain.limitation import PolitiqueLimitation
from services.identity.domain.mot_de_passe import PolitiqueMotDePasse
from services.identity.domain.ports import Horloge
from services.identity.domain.sessions import PolitiqueSession
from services.identity.securite import (
    Argon2Hacheur,
    SignataireJetons,
    nouveau_jeton_session,
    nouvel_identifiant,
)
from services.identity.settings import IdentitySettings
from services.identity.storage.depots import SqlTransactions
from services.identity.usecases.contexte import Outils, Reglages

MOTS_DE_PASSE_COURANTS = Path(__file__).parent / "data" / "mots-de-passe-courants.txt"


def maintenant_utc() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Dependances:
    engine: Engine
    transactions: SqlTransactions
    outils: Outils


def reglages_de(settings: IdentitySettings) -> Reglages:
    blocage = timedelta(minutes=settings.lockout_minutes)
    return Reglages(
        url_publique=settings.public_url,
        duree_lien_confirmation=timedelta(hours=settings.confirmation_link_hours),
        duree_lien_reinitialisation=timedelta(minutes=settings.reset_link_minutes),
        session=PolitiqueSession(
            inactivite=timedelta(minutes=settings.session_idle_minutes),
            duree_maximale=timedelta(hours=settings.session_max_hours),
        ),
        limitation_identifiant=PolitiqueLimitation(settings.max_failures_per_account, blocage, blocage),
        limitation_adresse=PolitiqueLimitation(settings.max_failures_per_address, blocage, blocage),
    )


def construire_dependances(settings: IdentitySettings, horloge: Horloge = maintenant_utc) -> Dependances:
    engine = create_database_engine(settings.database())
    outils = Outils(
        hacheur=Argon2Hacheur(
            settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
        ),
        signataire=SignataireJetons(settings.secret_key),
        politique_mot_de_passe=PolitiqueMotDePasse.depuis_lignes(
            MOTS_DE_PASSE_COURANTS.read_text(encoding="utf-8").splitlines()
        ),
        horloge=horloge,
        nouvel_id=nouvel_identifiant,
        nouveau_jeton_session=nouveau_jeton_session,
        reglages=reglages_de(settings),
    )
    return Dependances(engine, SqlTransactions(create_session_factory(engine)), outils)
