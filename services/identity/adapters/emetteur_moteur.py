"""The engine's authorisation server: OAuth 2 client credentials, signed JWT access tokens, JWKS.

Clients are configured (`IDENTITY_OAUTH_CLIENTS`): an id, the SHA-256 of a secret of 256 random bits
(a fast hash suffices for such secrets, unlike passwords), and the permissions its tokens carry
(`contracts.engine_access`). Tokens are signed ES256 by joserfc with a key from the configuration
(`IDENTITY_OAUTH_SIGNING_KEY`), or in development a key generated once into var/.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, KeySet

from contracts.engine_access import ENGINE_AUDIENCE, JOB_TYPES_CLAIM, SCOPE_CLAIM, EngineClient, Permission
from contracts.process import SERVICE_PORTS
from plumbing.actors import ACTOR_AUDIENCE, Actor, actor_claims

ALGORITHM = "ES256"


def secret_digest(secret: str) -> str:
    """What the registry keeps of a client's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class ClientEnregistre:
    client: EngineClient
    secret_sha256: str

    def reconnait(self, secret: str) -> bool:
        return hmac.compare_digest(secret_digest(secret), self.secret_sha256)


class RegistreClients:
    """The configured clients; an unknown id costs the same hash as a wrong secret."""

    def __init__(self, clients: dict[str, ClientEnregistre]) -> None:
        self._clients = clients

    @classmethod
    def depuis_json(cls, texte: str) -> RegistreClients:
        """`{"dossier": {"secret_sha256": "…", "permissions": ["jobs"], "job_types": ["dossier.cloturer"]}}`."""
        donnees: dict[str, Any] = json.loads(texte) if texte.strip() else {}
        clients = {
            identifiant: ClientEnregistre(
                EngineClient(
                    identifiant,
                    frozenset(Permission(p) for p in entree.get("permissions", [])),
                    frozenset(str(t) for t in entree.get("job_types", [])),
                ),
                str(entree["secret_sha256"]),
            )
            for identifiant, entree in donnees.items()
        }
        return cls(clients)

    def authentifier(self, client_id: str, secret: str) -> EngineClient | None:
        enregistre = self._clients.get(client_id)
        if enregistre is None:
            hmac.compare_digest(secret_digest(secret), "0" * 64)
            return None
        return enregistre.client if enregistre.reconnait(secret) else None


def registre_json(clients: dict[str, tuple[EngineClient, str]]) -> str:
    """The registry's configuration for clients given with their secrets in clear (development)."""
    return json.dumps(
        {
            identifiant: {
                "secret_sha256": secret_digest(secret),
                "permissions": sorted(client.permissions),
                "job_types": sorted(client.job_types),
            }
            for identifiant, (client, secret) in clients.items()
        },
        sort_keys=True,
    )


class EmetteurJetons:
    """Signs access tokens and publishes the public half of its key."""

    def __init__(self, cle: ECKey, emetteur: str, duree_secondes: int) -> None:
        self._cle = cle
        self.emetteur = emetteur
        self.duree_secondes = duree_secondes

    def jeton(self, client: EngineClient, audience: str | None = None) -> dict[str, Any]:
        """The token endpoint's answer (RFC 6749 §5.1) for `client`: an engine access token, or for
        the internal APIs' audience an actor token naming the client as a service."""
        if audience == ACTOR_AUDIENCE:
            if client.client_id not in SERVICE_PORTS:  # the deploy scripts' client is no service
                raise ValueError("ce client n'est pas un service de la plateforme")
            acteur = Actor("service", client.client_id)
            return {
                "access_token": self.jeton_acteur(acteur),
                "token_type": "Bearer",
                "expires_in": self.duree_secondes,
            }
        maintenant = int(time.time())
        claims = {
            "iss": self.emetteur,
            "sub": client.client_id,
            "client_id": client.client_id,
            "aud": audience or ENGINE_AUDIENCE,
            "iat": maintenant,
            "nbf": maintenant,
            "exp": maintenant + self.duree_secondes,
            "jti": secrets.token_urlsafe(16),
            SCOPE_CLAIM: client.scope,
            JOB_TYPES_CLAIM: sorted(client.job_types),
        }
        signe = jwt.encode({"alg": ALGORITHM, "kid": self._cle.kid, "typ": "at+jwt"}, claims, self._cle)
        return {
            "access_token": signe,
            "token_type": "Bearer",
            "expires_in": self.duree_secondes,
            "scope": client.scope,
        }

    def jeton_acteur(self, acteur: Actor) -> str:
        """A short-lived token saying who acts on the internal APIs (`plumbing.authentication`)."""
        maintenant = int(time.time())
        claims = {
            "iss": self.emetteur,
            "aud": ACTOR_AUDIENCE,
            "iat": maintenant,
            "nbf": maintenant,
            "exp": maintenant + self.duree_secondes,
            "jti": secrets.token_urlsafe(16),
            **actor_claims(acteur),
        }
        return jwt.encode({"alg": ALGORITHM, "kid": self._cle.kid, "typ": "at+jwt"}, claims, self._cle)

    async def token(self, acteur: Actor, *, renew: bool = False) -> str:
        """`plumbing.actors.ActorTokens`: identity signs its own calls' actor tokens (each new)."""
        return self.jeton_acteur(acteur)

    def cles(self) -> KeySet:
        """Its key set, to verify its tokens in-process (identity itself, tests)."""
        return KeySet.import_key_set({"keys": [self._cle.as_dict(private=False)]})

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self._cle.as_dict(private=False)]}


def nouvelle_cle() -> ECKey:
    return ECKey.generate_key("P-256", {"use": "sig", "alg": ALGORITHM}, private=True, auto_kid=True)


def cle_depuis_json(texte: str) -> ECKey:
    """A private EC key as a JWK (JSON); refused if it is not a private P-256 key."""
    cle = ECKey.import_key(json.loads(texte))
    if not cle.is_private or cle.as_dict().get("crv") != "P-256":
        raise ValueError("la clé de signature des jetons du moteur doit être une clé privée EC P-256 (JWK)")
    if not cle.kid:
        cle.ensure_kid()
    return cle


def cle_de_developpement(chemin: Path) -> ECKey:
    """The key kept in `chemin` (var/), made on first use, readable by its owner only."""
    if chemin.exists():
        return cle_depuis_json(chemin.read_text())
    cle = nouvelle_cle()
    chemin.parent.mkdir(parents=True, exist_ok=True)
    descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descripteur, "w") as fichier:
        fichier.write(json.dumps(cle.as_dict(private=True)))
    return cle
