"""nats-server's configuration: one user per service, its subjects, and JetStream encrypted at rest.

No anonymous client: every connection names a user (the service's name) and its password, whose
bcrypt hash only is in the file. Each user may publish on its own subjects and use the JetStream
API of its own streams and consumers only; replies reach it on its own inbox prefix
(`_INBOX_<user>.>`, `plumbing.messaging.inbox_prefix`), so no service reads another's answers.
Only the notifier and identity may ask for an e-mail, each on its own subject
(`contracts.courriel.sujet_demande_courriel`), so the notifier knows who asked.

JetStream's files are encrypted (`cipher: chachapoly`) with `NATS_JETSTREAM_KEY`.

- `make run` (`scripts.stack`): `preparer(var_dir, environ)` generates the passwords and the key
  once into `var/nats/secrets.json` (0600), writes `var/nats/nats-server.conf` (0600) and returns
  each service's `<SERVICE>_NATS_PASSWORD` for its settings.
- Production: `python -m scripts.nats_config <fichier> --store-dir <dir>` writes the file from the
  environment (`<SERVICE>_NATS_PASSWORD` of every service, `NATS_JETSTREAM_KEY`), all required.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bcrypt

from contracts.courriel import STREAM_COURRIELS, SUBJECTS_COURRIELS, sujet_demande_courriel
from contracts.documents import STREAM as STREAM_DOCUMENTS
from contracts.documents import SUBJECTS as SUBJECTS_DOCUMENTS
from contracts.dossier import STREAM_DOSSIER, SUBJECTS_DOSSIER
from contracts.notifier import STREAM_NOTIFIER, SUBJECTS_NOTIFIER

CONFIG_FILE = "nats-server.conf"
SECRETS_FILE = "secrets.json"
KEY_VARIABLE = "NATS_JETSTREAM_KEY"  # plumbing.settings.NatsServerSettings.jetstream_key
# The passwords are 256-bit random tokens: no work factor makes them easier or harder to guess;
# the hash only keeps them out of the file. A low one keeps each connection cheap for the server
# (at 11, a stack starting on a loaded machine spent seconds per connection and timed out).
BCRYPT_COST = 6
DOCUMENTS_BUCKET = os.environ.get("DOCUMENTS_BUCKET", "documents")


@dataclass(frozen=True)
class Droits:
    """What one user may do: subjects it publishes, streams it declares, durable consumers it reads."""

    publie: tuple[str, ...] = ()
    declare: tuple[str, ...] = ()  # streams: info, create, update
    consomme: tuple[tuple[str, str], ...] = ()  # (stream, durable consumer)
    object_stores: tuple[str, ...] = ()  # buckets
    tout: bool = False  # every subject: the test suite's own user, never a service

    def permissions(self, utilisateur: str) -> dict[str, Any]:
        if self.tout:
            return {"publish": {"allow": [">"]}, "subscribe": {"allow": [">"]}}
        publie = [*self.publie, "$JS.API.INFO"]
        for stream in self.declare:
            publie += [f"$JS.API.STREAM.{verbe}.{stream}" for verbe in ("INFO", "CREATE", "UPDATE")]
        for stream, consumer in self.consomme:
            publie += [
                f"$JS.API.CONSUMER.CREATE.{stream}.{consumer}",
                f"$JS.API.CONSUMER.CREATE.{stream}.{consumer}.>",
                f"$JS.API.CONSUMER.DURABLE.CREATE.{stream}.{consumer}",
                f"$JS.API.CONSUMER.INFO.{stream}.{consumer}",
                f"$JS.API.CONSUMER.MSG.NEXT.{stream}.{consumer}",
                f"$JS.ACK.{stream}.{consumer}.>",
            ]
        for bucket in self.object_stores:
            stream = f"OBJ_{bucket}"
            publie += [
                "$JS.API.STREAM.NAMES",  # a read finds the bucket's stream by subject (names only)
                f"$O.{bucket}.>",
                f"$JS.API.STREAM.*.{stream}",
                f"$JS.API.STREAM.MSG.*.{stream}",
                f"$JS.API.DIRECT.GET.{stream}",
                f"$JS.API.DIRECT.GET.{stream}.>",
                f"$JS.API.CONSUMER.*.{stream}",
                f"$JS.API.CONSUMER.*.{stream}.>",
                f"$JS.FC.{stream}.>",
                f"$JS.ACK.{stream}.>",
            ]
        return {
            "publish": {"allow": publie},
            "subscribe": {"allow": [f"_INBOX_{utilisateur}.>"]},
        }


# The services' users; each connects with its name (`plumbing.messaging.connect_nats`).
UTILISATEURS: dict[str, Droits] = {
    "identity": Droits(
        publie=("identity.>", sujet_demande_courriel("identity")),
        declare=("IDENTITY", STREAM_COURRIELS),
    ),
    "dossier": Droits(publie=tuple(SUBJECTS_DOSSIER), declare=(STREAM_DOSSIER,)),
    "documents": Droits(
        publie=tuple(SUBJECTS_DOCUMENTS), declare=(STREAM_DOCUMENTS,), object_stores=(DOCUMENTS_BUCKET,)
    ),
    "notifier": Droits(
        # its own e-mail requests, and replays of any dead letter under its first subject
        publie=(*SUBJECTS_NOTIFIER, *SUBJECTS_COURRIELS),
        declare=(STREAM_NOTIFIER, STREAM_COURRIELS, STREAM_DOSSIER),
        consomme=(
            (STREAM_COURRIELS, "notifier-courriels"),
            (STREAM_DOSSIER, "notifier-complements-deposes"),
        ),
    ),
    "engine": Droits(publie=("engine.record.>",), declare=("ENGINE_RECORDS",)),
}


def variable_mot_de_passe(utilisateur: str) -> str:
    """The setting that holds a service's password (`NatsClientSettings.nats_password`)."""
    return f"{utilisateur.upper()}_NATS_PASSWORD"


@dataclass(frozen=True)
class Secrets:
    mots_de_passe: dict[str, str]
    cle_jetstream: str
    droits: dict[str, Droits] = field(default_factory=lambda: dict(UTILISATEURS))


def configuration(secrets_: Secrets, store_dir: Path) -> str:
    """The server's configuration file (JSON, which nats-server reads as its own format)."""
    users = [
        {
            "user": nom,
            "password": bcrypt.hashpw(
                secrets_.mots_de_passe[nom].encode(), bcrypt.gensalt(BCRYPT_COST)
            ).decode(),
            "permissions": droits.permissions(nom),
        }
        for nom, droits in secrets_.droits.items()
    ]
    document = {
        "jetstream": {"store_dir": str(store_dir), "cipher": "chachapoly", "key": secrets_.cle_jetstream},
        "authorization": {"users": users},
    }
    return "# Écrit par scripts.nats_config : ne pas modifier à la main.\n" + json.dumps(document, indent=2)


def ecrire_prive(chemin: Path, texte: str) -> None:
    """Write a file only its owner may read (0600 from its creation, never world-readable)."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descripteur, "w", encoding="utf-8") as fichier:
        fichier.write(texte)
    os.chmod(chemin, 0o600)


def secrets_locaux(dossier: Path, environ: Mapping[str, str]) -> Secrets:
    """Development: the environment's secrets, else those generated once into `dossier`."""
    chemin = dossier / SECRETS_FILE
    gardes: dict[str, Any] = json.loads(chemin.read_text(encoding="utf-8")) if chemin.exists() else {}
    mots_de_passe = dict(gardes.get("motsDePasse", {}))
    for nom in UTILISATEURS:
        mots_de_passe.setdefault(nom, secrets.token_urlsafe(32))
    cle = str(gardes.get("cleJetstream") or secrets.token_urlsafe(32))
    if not chemin.exists() or gardes != {"motsDePasse": mots_de_passe, "cleJetstream": cle}:
        ecrire_prive(chemin, json.dumps({"motsDePasse": mots_de_passe, "cleJetstream": cle}, indent=2))
    for nom in UTILISATEURS:
        mots_de_passe[nom] = environ.get(variable_mot_de_passe(nom)) or mots_de_passe[nom]
    return Secrets(mots_de_passe, _cle(environ) or cle)


def preparer(var_dir: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """`make run`: write `var/nats/nats-server.conf`; the services' passwords, as their settings."""
    dossier = var_dir / "nats"
    secrets_ = secrets_locaux(dossier, environ)
    ecrire_prive(dossier / CONFIG_FILE, configuration(secrets_, dossier))
    return {variable_mot_de_passe(nom): secrets_.mots_de_passe[nom] for nom in UTILISATEURS}


def _cle(environ: Mapping[str, str]) -> str:
    return environ.get(KEY_VARIABLE, "")


def secrets_de_production(environ: Mapping[str, str]) -> Secrets:
    """Every secret from the environment; a missing one is named (never its value). The engine's
    user exists only where the embedded engine runs (not with Camunda 8): without its password,
    it is left out."""
    utilisateurs = [n for n in UTILISATEURS if n != "engine" or environ.get(variable_mot_de_passe(n))]
    variables = [variable_mot_de_passe(nom) for nom in utilisateurs] + [KEY_VARIABLE]
    if manquantes := [v for v in variables if len(environ.get(v, "")) < 16]:
        raise SystemExit(f"à définir (16 caractères au moins) : {', '.join(manquantes)}")
    mots_de_passe = {nom: environ[variable_mot_de_passe(nom)] for nom in utilisateurs}
    droits = {nom: UTILISATEURS[nom] for nom in utilisateurs}
    return Secrets(mots_de_passe, _cle(environ), droits)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Écrit la configuration de nats-server depuis l'environnement."
    )
    parser.add_argument("fichier", type=Path)
    parser.add_argument("--store-dir", type=Path, required=True, help="répertoire des données JetStream")
    arguments = parser.parse_args(argv)
    ecrire_prive(arguments.fichier, configuration(secrets_de_production(os.environ), arguments.store_dir))


if __name__ == "__main__":
    main()
