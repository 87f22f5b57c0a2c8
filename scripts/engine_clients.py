"""`make run`'s clients of the engine: their secrets, generated once into var/, and the environment
that gives each process its own (identity the registry of hashed secrets, the engine identity's JWKS).

In production none of this runs: the same variables come from the deployment's configuration, which
`python -m scripts.engine_clients` prints for deploy/.env (new secrets, their registry, a signing key).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from contracts.engine_access import ENGINE_AUDIENCE, EngineClient, platform_clients, test_client
from services.identity.adapters.emetteur_moteur import nouvelle_cle, registre_json

SECRETS_FILE = "engine-clients.json"
DEPLOYER = "deploiement"


def client_secrets(var_dir: Path, client_ids: list[str]) -> dict[str, str]:
    """Each client's secret, kept in var/ (readable by its owner only) and made on first need."""
    path = var_dir / SECRETS_FILE
    kept: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    wanted = {client_id: kept.get(client_id) or secrets.token_urlsafe(32) for client_id in client_ids}
    if wanted != kept:
        var_dir.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(".tmp")
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            json.dump(wanted, file, indent=2, sort_keys=True)
        scratch.replace(path)
    return wanted


def engine_client_environment(var_dir: Path, identity_url: str, *, with_tests_client: bool) -> dict[str, str]:
    """The variables of every process for the engine's OAuth 2 clients (the tests' one on a test stack)."""
    clients: dict[str, EngineClient] = platform_clients()
    if with_tests_client:
        clients["tests"] = test_client()
    keys = client_secrets(var_dir, sorted(clients))
    env = {
        "IDENTITY_OAUTH_CLIENTS": registre_json(
            {cid: (client, keys[cid]) for cid, client in clients.items()}
        ),
        "IDENTITY_OAUTH_ISSUER": identity_url,
        "ENGINE_AUTHENTICATION": "true",
        "ENGINE_AUTH_JWKS_URL": f"{identity_url}/.well-known/jwks.json",
        "ENGINE_AUTH_ISSUER": identity_url,
        # every internal API verifies its callers' actor tokens on the same key set
        "IDENTITY_JWKS_URL": f"{identity_url}/.well-known/jwks.json",
        "IDENTITY_TOKEN_ISSUER": identity_url,
        "ZEEBE_AUTHORIZATION_SERVER_URL": f"{identity_url}/oauth/token",
        "ZEEBE_TOKEN_AUDIENCE": ENGINE_AUDIENCE,
        "ZEEBE_CLIENT_ID": DEPLOYER,
        "ZEEBE_CLIENT_SECRET": keys[DEPLOYER],
    }
    for client_id in clients:
        if client_id != DEPLOYER:
            env[f"{client_id.upper()}_ENGINE_CLIENT_SECRET"] = keys[client_id]
    return env


def deployment_environment() -> dict[str, str]:
    """New values of the engine's clients for a deployment (deploy/.env, the Kubernetes secret): a secret
    per platform client as `<CLIENT>_ENGINE_CLIENT_SECRET`, identity's registry and signing key."""
    clients = platform_clients()
    keys = {client_id: secrets.token_urlsafe(32) for client_id in sorted(clients)}
    env = {f"{client_id.upper()}_ENGINE_CLIENT_SECRET": key for client_id, key in keys.items()}
    env["IDENTITY_OAUTH_CLIENTS"] = registre_json(
        {cid: (client, keys[cid]) for cid, client in clients.items()}
    )
    env["IDENTITY_OAUTH_SIGNING_KEY"] = json.dumps(nouvelle_cle().as_dict(private=True))
    return env


if __name__ == "__main__":
    for name, value in deployment_environment().items():
        print(f"{name}='{value}'")
