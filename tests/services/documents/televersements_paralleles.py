"""Parallel uploads of one image to the documents API, and how much the process's peak memory grew.

    python -m tests.services.documents.televersements_paralleles <migrated.db> <work dir> <image> <count>

Run in a process of its own, so that its peak resident size (`ru_maxrss`) is the service's alone:
the API is served in that process (ASGI), a small upload first loads every library, then `count`
uploads of the image run at once. Prints JSON: the peak before and after (MiB), each answer.
"""

from __future__ import annotations

import asyncio
import gc
import json
import resource
import shutil
import sys
from pathlib import Path
from typing import Any

import httpx

from plumbing.actors import Actor
from plumbing.settings import PlatformSettings
from services.documents.settings import DocumentsSettings
from services.documents.wiring import build_app, build_parts
from tests.services.documents import echantillons
from tests.services.documents.outils import joindre
from tests.support.actor_tokens import trust_test_tokens

PIECE = "justificatif-nationalite"


def pic_mio() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def mesurer(base: Path, repertoire: Path, image: bytes, nombre: int) -> dict[str, Any]:
    settings = DocumentsSettings(database_url=f"sqlite:///{base}", repertoire=repertoire)
    parts = build_parts(settings)
    app = trust_test_tokens(build_app(settings, PlatformSettings(), parts))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://documents", timeout=300) as client:
        demandeur = Actor("demandeur", "echauffement")
        await joindre(
            client, demandeur, PIECE, ("a.png", echantillons.png(), "image/png"), dossier="echauffement"
        )
        gc.collect()
        avant = pic_mio()
        reponses = await asyncio.gather(
            *(
                joindre(
                    client,
                    Actor("demandeur", f"d{i}"),
                    PIECE,
                    (f"scan{i}.png", image, "image/png"),
                    dossier=f"d{i}",
                )
                for i in range(nombre)
            )
        )
        apres = pic_mio()
    parts.engine.dispose()
    return {
        "pic_avant_mio": round(avant, 1),
        "pic_apres_mio": round(apres, 1),
        "reponses": [
            {"statut": r.status_code, "detail": r.json().get("detail") if r.status_code >= 400 else None}
            for r in reponses
        ],
    }


def main() -> None:
    base, repertoire, image, nombre = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        Path(sys.argv[3]),
        int(sys.argv[4]),
    )
    copie = repertoire / "documents.db"
    repertoire.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(base, copie)
    print(json.dumps(asyncio.run(mesurer(copie, repertoire / "fichiers", image.read_bytes(), nombre))))


if __name__ == "__main__":
    main()
