"""The README's demo table: the identifiers, the numbers of the titles and visas and their validity
dates a new user types to create an account, as devtools.seed writes them in identity's register."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools import demo_table
from devtools.seed import personnes_demo
from tests.services.identity.conftest import HorlogeReglable, build_deps


@pytest.mark.unit
def test_le_tableau_du_readme_suit_le_semis() -> None:
    texte = demo_table.README.read_text(encoding="utf-8")
    aujourd_hui = HorlogeReglable().today()
    attendu = demo_table.readme_avec_tableau(texte, aujourd_hui)
    assert attendu == texte, "lancez `python -m devtools.demo_table --write`"
    for demo in personnes_demo(aujourd_hui):
        assert f"`{demo.numero_titre}`" in texte
        assert demo.numero_etranger is None or f"`{demo.numero_etranger}`" in texte


@pytest.mark.integration
@pytest.mark.parametrize("jours_plus_tard", [0, 300, 3 * 365 + 1])  # 29 February 2028 included
def test_les_dates_du_readme_sont_celles_du_registre(tmp_path: Path, jours_plus_tard: int) -> None:
    horloge = HorlogeReglable()
    horloge.avancer(days=jours_plus_tard)
    deps = build_deps(f"sqlite:///{tmp_path / 'identity.db'}", horloge)
    try:
        with deps.unit_of_work.transaction() as depots:
            for demo in personnes_demo(horloge.today()):
                titre = depots.registre.titre_par_numero(demo.numero_titre)
                assert titre is not None
                assert (titre.date_debut, titre.date_fin) == demo_table.validite(horloge.today())
                personne = depots.registre.personne(titre.personne_id)
                assert personne is not None and personne.numero_etranger == demo.numero_etranger
    finally:
        deps.engine.dispose()


@pytest.mark.integration
def test_la_commande_affiche_les_dates_exactes_du_registre(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'identity.db'}"
    horloge = HorlogeReglable()
    build_deps(url, horloge).engine.dispose()
    monkeypatch.setenv("IDENTITY_DATABASE_URL", url)
    monkeypatch.setattr("sys.argv", ["demo_table"])
    demo_table.main()
    debut, fin = demo_table.validite(horloge.today())
    sortie = capsys.readouterr().out
    assert sortie.count(f"| `{debut:%d/%m/%Y}` | `{fin:%d/%m/%Y}` |") == len(personnes_demo(horloge.today()))
