"""Six parallel uploads of a 9,400 × 9,400 image do not double the service's memory.

The image is refused from its header (88 million pixels, 50 at most), before anything decodes it;
decoding itself takes one image at a time (`contenu._PILLOW`). Measured in a process of its own:
the peak resident size of pytest's would also count the other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services.documents import echantillons

pytestmark = pytest.mark.integration


def test_six_televersements_paralleles_d_une_image_geante(tmp_path: Path, base_migree: Path) -> None:
    image = tmp_path / "geante.png"
    image.write_bytes(echantillons.png_geant(9400, 9400))
    sortie = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.services.documents.televersements_paralleles",
            str(base_migree),
            str(tmp_path / "travail"),
            str(image),
            "6",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    mesure = json.loads(sortie.stdout.strip().splitlines()[-1])
    assert [r["statut"] for r in mesure["reponses"]] == [422] * 6
    assert all("image trop grande" in r["detail"] for r in mesure["reponses"])
    croissance = mesure["pic_apres_mio"] - mesure["pic_avant_mio"]
    assert croissance < mesure["pic_avant_mio"], mesure
