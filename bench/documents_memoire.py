"""Documents benchmark: the service's peak memory under six parallel uploads of large images.

    .venv/bin/python bench/documents_memoire.py [--sortie bench/results/documents_memoire.json]

Each case runs in a fresh process (`tests.services.documents.televersements_paralleles`: the API
served in that process, a small upload first, then the uploads at once) and reads its peak
resident size before and after. Cases: six 9,400 × 9,400 PNG (88 million pixels, refused from
their header), one then six 7,000 × 7,000 PNG (49 million, accepted, decoded one at a time).
Prints a table, writes JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.services.documents import echantillons
from tests.services.documents.conftest import migrer

SORTIE = Path(__file__).parent / "results" / "documents_memoire.json"
CAS = (("9400x9400", 9400, 6), ("7000x7000", 7000, 1), ("7000x7000", 7000, 6))


def mesurer(base: Path, dossier: Path, image: Path, nombre: int) -> dict[str, Any]:
    debut = time.monotonic()
    sortie = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.services.documents.televersements_paralleles",
            str(base),
            str(dossier),
            str(image),
            str(nombre),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    mesure: dict[str, Any] = json.loads(sortie.stdout.strip().splitlines()[-1])
    mesure["duree_s"] = round(time.monotonic() - debut, 1)
    return mesure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sortie", type=Path, default=SORTIE)
    options = parser.parse_args()
    resultats = []
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as temporaire:
        racine = Path(temporaire)
        base = racine / "modele.db"
        migrer(f"sqlite:///{base}")
        for i, (nom, cote, nombre) in enumerate(CAS):
            image = racine / f"{nom}.png"
            if not image.exists():
                image.write_bytes(echantillons.png_geant(cote, cote))
            mesure = mesurer(base, racine / f"cas-{i}", image, nombre)
            statuts = sorted({r["statut"] for r in mesure["reponses"]})
            resultats.append(
                {"image": nom, "televersements": nombre, "statuts": statuts, **mesure, "reponses": None}
            )
            croissance = mesure["pic_apres_mio"] - mesure["pic_avant_mio"]
            print(
                f"{nombre} × {nom:<10} statuts {statuts}  pic {mesure['pic_avant_mio']:.0f} → "
                f"{mesure['pic_apres_mio']:.0f} Mio (+{croissance:.0f})  {mesure['duree_s']} s (sous charge)"
            )
    options.sortie.parent.mkdir(parents=True, exist_ok=True)
    options.sortie.write_text(json.dumps(resultats, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
