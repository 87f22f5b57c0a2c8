"""CPU cost of the engine's token check per call: a first sight (ES256 signature) and a known token.

    .venv/bin/python bench/engine_auth_bench.py [--appels 2000] [--sortie bench/results/engine_auth.json]

In-process, with identity's real issuer and the engine's `TokenVerifier`; the key set is loaded once
(as after the engine's first call). CPU time (time.process_time), so the figure holds under load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script (`make bench`): import the project from the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from joserfc.jwk import KeySet

from contracts.engine_access import ENGINE_AUDIENCE, platform_clients
from engine.protocol.access import TokenVerifier
from services.identity.adapters.emetteur_moteur import EmetteurJetons, nouvelle_cle

SORTIE = Path(__file__).parent / "results" / "engine_auth.json"


async def mesurer(appels: int) -> dict[str, Any]:
    key = nouvelle_cle()
    issuer = EmetteurJetons(key, "http://identity", 300)
    client = platform_clients()["dossier"]
    verifier = TokenVerifier("http://identity/jwks", ENGINE_AUDIENCE)
    verifier._keys = KeySet.import_key_set(issuer.jwks())  # as fetched on the first call
    verifier._fetched_at = time.time()
    tokens = [f"Bearer {issuer.jeton(client)['access_token']}" for _ in range(appels)]
    start = time.process_time()
    for token in tokens:  # each token seen for the first time: signature and claims checked
        await verifier.principal(token)
    first_sight = (time.process_time() - start) / appels
    start = time.process_time()
    for token in tokens:  # the same tokens again: remembered until they expire
        await verifier.principal(token)
    known = (time.process_time() - start) / appels
    return {
        "appels": appels,
        "premiere_verification_us": round(first_sight * 1e6, 1),
        "jeton_connu_us": round(known * 1e6, 2),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appels", type=int, default=2000)
    parser.add_argument("--sortie", type=Path, default=SORTIE)
    options = parser.parse_args()
    result = asyncio.run(mesurer(options.appels))
    print(f"vérification d'un jeton nouveau : {result['premiere_verification_us']} µs CPU")
    print(f"jeton déjà vérifié              : {result['jeton_connu_us']} µs CPU")
    options.sortie.parent.mkdir(parents=True, exist_ok=True)
    options.sortie.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
