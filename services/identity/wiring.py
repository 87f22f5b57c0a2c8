"""Build identity's parts from its settings: `__main__` runs them, the tests and devtools use them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi import APIRouter, FastAPI
from nats.js import JetStreamContext
from sqlalchemy import Engine

from contracts.clients.documents import DocumentsClient
from plumbing.authentication import actor_verifier
from plumbing.clock import Clock, SystemClock
from plumbing.database import create_database_engine, create_session_factory, upgrade_database
from plumbing.health import ReadinessCheck, database_check
from plumbing.outbox import OutboxRelay
from plumbing.settings import VAR_DIR, PlatformSettings
from plumbing.unit_of_work import UnitOfWork
from plumbing.web import create_app
from services.identity.adapters.crypto import Argon2Hacheur, SignataireJetons, nouveau_jeton_session
from services.identity.adapters.documents import (
    IDENTITY,
    DocumentsJustificatifsDomicile,
    JustificatifsNonConfigures,
)
from services.identity.adapters.emetteur_moteur import (
    EmetteurJetons,
    RegistreClients,
    cle_de_developpement,
    cle_depuis_json,
)
from services.identity.adapters.mots_de_passe_courants import politique_mot_de_passe
from services.identity.api import build_api_router
from services.identity.api.errors import ERREURS
from services.identity.api.oauth import build_oauth_router
from services.identity.domain.limitation import PolitiqueLimitation
from services.identity.domain.ports import Depots, JustificatifsDomicile
from services.identity.domain.sessions import PolitiqueSession
from services.identity.settings import IdentitySettings
from services.identity.storage.repositories import repositories
from services.identity.storage.tables import outbox
from services.identity.usecases.contexte import Outils, Reglages
from services.identity.usecases.menage import faire_le_menage
from services.identity.usecases.situation import Declarations

MIGRATIONS = Path(__file__).parent / "storage" / "migrations"
VERSION_TABLE = "identity_alembic_version"
STREAM, SUBJECTS = "IDENTITY", ["identity.>"]

log = logging.getLogger("services.identity")


@dataclass(frozen=True)
class IdentityParts:
    engine: Engine
    unit_of_work: UnitOfWork[Depots]
    outils: Outils
    declarations: Declarations  # « Je déclare un changement de situation », with documents
    emetteur: EmetteurJetons  # signs the engine's access tokens and the internal APIs' actor tokens


def migrate(settings: IdentitySettings) -> None:
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)


def build_parts(
    settings: IdentitySettings,
    clock: Clock | None = None,
    justificatifs: JustificatifsDomicile | None = None,
) -> IdentityParts:
    """The database, the unit of work and the tools of the use cases (`clock`: tests move it;
    `justificatifs`: the documents service, see `documents_justificatifs`; none for the demo seed)."""
    engine = create_database_engine(settings.database())
    outils = Outils(
        hacheur=Argon2Hacheur(
            settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
        ),
        signataire=SignataireJetons(settings.secret_key),
        politique_mot_de_passe=politique_mot_de_passe(),
        clock=clock or SystemClock(),
        nouveau_jeton_session=nouveau_jeton_session,
        reglages=reglages_de(settings),
    )
    unit_of_work = UnitOfWork(create_session_factory(engine), repositories)
    declarations = Declarations(unit_of_work, outils, justificatifs or JustificatifsNonConfigures())
    return IdentityParts(engine, unit_of_work, outils, declarations, emetteur_jetons(settings))


def documents_justificatifs(settings: IdentitySettings, http: httpx.AsyncClient) -> JustificatifsDomicile:
    """The proofs of address in the documents service (`http`: its base URL, owned by the caller),
    called with actor tokens identity signs itself."""
    return DocumentsJustificatifsDomicile(DocumentsClient(http, emetteur_jetons(settings), IDENTITY))


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


def build_app(
    platform: PlatformSettings,
    parts: IdentityParts,
    readiness: Mapping[str, ReadinessCheck] | None = None,
    engine_tokens: APIRouter | None = None,
) -> FastAPI:
    """The internal API (its readiness checks the database, and `readiness` besides), and the engine's
    token endpoint when given (`engine_token_router`)."""
    checks = {"base de données": database_check(parts.engine), **(readiness or {})}
    app = create_app("identity", checks, platform=platform, errors=ERREURS)
    # identity checks the actor tokens it signed with its own key, without fetching its key set
    app.state.actor_verifier = actor_verifier(platform.identity_jwks_url, keys=parts.emetteur.cles())
    app.include_router(build_api_router(parts))
    if engine_tokens is not None:
        app.include_router(engine_tokens)
    return app


def emetteur_jetons(settings: IdentitySettings) -> EmetteurJetons:
    """The platform's token issuer: the configured key, or in development one kept under var/."""
    key = (
        cle_depuis_json(settings.oauth_signing_key)
        if settings.oauth_signing_key.strip()
        else cle_de_developpement(VAR_DIR / "identity-oauth-signing-key.json")
    )
    return EmetteurJetons(key, settings.oauth_issuer, settings.oauth_token_seconds)


def engine_token_router(settings: IdentitySettings) -> APIRouter:
    """The engine's authorisation server and the services' (client credentials, JWKS)."""
    return build_oauth_router(RegistreClients.depuis_json(settings.oauth_clients), emetteur_jetons(settings))


def build_outbox_relay(parts: IdentityParts, js: JetStreamContext) -> OutboxRelay:
    """Events and e-mail requests, from the outbox table to NATS."""
    return OutboxRelay(outbox, parts.unit_of_work.sessions, js, STREAM, SUBJECTS, "identity")


async def menage_periodique(parts: IdentityParts, intervalle_secondes: float = 3600) -> None:
    """Hourly: expired sessions and links, stale guess counters."""
    while True:
        try:
            compte_rendu = await parts.unit_of_work.run_async(
                lambda depots: faire_le_menage(depots=depots, outils=parts.outils)
            )
            log.info("ménage effectué", extra=compte_rendu)
        except Exception:
            log.exception("ménage en échec, nouvel essai plus tard")
        await asyncio.sleep(intervalle_secondes)
