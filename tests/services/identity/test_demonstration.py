"""The demo seed: the three cases stay true whatever today is, and seeding twice is harmless."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from devtools.seed import AGENTS_DEMO, refus_hors_developpement, semer_demonstration
from services.identity.storage.tables import agents, comptes, personnes, titres
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import HorlogeReglable

pytestmark = pytest.mark.integration


def age(naissance: date, jour: date) -> int:
    return jour.year - naissance.year - ((jour.month, jour.day) < (naissance.month, naissance.day))


def cas(deps: IdentityParts, numero_titre: str, jour: date) -> str:
    with deps.unit_of_work.transaction() as d:
        titre = d.registre.titre_par_numero(numero_titre)
        assert titre is not None
        personne = d.registre.personne(titre.personne_id)
    assert personne is not None
    if age(personne.etat_civil.date_naissance, jour) >= 18:
        return "majeur"
    assert age(personne.etat_civil.date_naissance, jour) >= 16
    return "mineur_emancipe" if personne.etat_civil.emancipe else "mineur"


def comptes_des_tables(deps: IdentityParts) -> dict[str, int]:
    with deps.unit_of_work.sessions() as session:
        return {
            t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (personnes, titres, comptes, agents)
        }


def test_les_trois_cas_sont_couverts_et_le_restent(deps: IdentityParts, horloge: HorlogeReglable) -> None:
    for _annee in range(3):
        jour = horloge.now().date()
        attendus = {"9900000009": "mineur", "9900000010": "mineur_emancipe", "9900000011": "majeur"}
        assert {numero: cas(deps, numero, jour) for numero in attendus} == attendus
        with deps.unit_of_work.transaction() as d:
            titre = d.registre.titre_par_numero("9900000009")
        assert titre is not None and titre.date_debut < jour < titre.date_fin
        horloge.avancer(days=365)
        with deps.unit_of_work.transaction() as d:
            semer_demonstration(depots=d, outils=deps.outils)


def test_sept_et_huit_etranger_de_la_notice(deps: IdentityParts) -> None:
    with deps.unit_of_work.transaction() as d:
        sept = d.registre.personne_par_numero_etranger("5903007178")
        huit = d.registre.personne_par_numero_etranger("5903007177")
    assert sept is not None and huit is not None
    assert (sept.etat_civil.prenoms, sept.etat_civil.nom_naissance, sept.etat_civil.date_naissance) == (
        "Sept",
        "ETRANGER",
        date(2006, 7, 1),
    )
    assert (huit.etat_civil.prenoms, huit.etat_civil.date_naissance) == ("Huit", date(2004, 8, 1))
    assert sept.adresse.ligne() == "20 RUE NATIONALE 59000 LILLE FRANCE"
    assert sept.etat_civil.lieu_naissance == "Brasilia" and sept.etat_civil.nationalite == "Brésilienne"


def test_semer_deux_fois_ne_duplique_rien(deps: IdentityParts) -> None:
    avant = comptes_des_tables(deps)
    with deps.unit_of_work.transaction() as d:
        assert semer_demonstration(depots=d, outils=deps.outils)["agents"] == 0
    assert (
        comptes_des_tables(deps)
        == avant
        == {
            "identity_personnes": 6,
            "identity_titres": 6,
            "identity_comptes": 2,
            "identity_agents": len(AGENTS_DEMO),
        }
    )


def test_les_agents_couvrent_le_nord_le_pas_de_calais_et_les_roles(deps: IdentityParts) -> None:
    roles = {role for agent in AGENTS_DEMO for role in agent.roles}
    assert roles == {"instructeur", "valideur", "responsable-processus", "admin"}
    instructeurs = {p for agent in AGENTS_DEMO if "instructeur" in agent.roles for p in agent.prefectures}
    assert instructeurs == {"59", "62"}


@pytest.mark.parametrize("environnement", ["production", "test", "staging"])
def test_le_semis_est_refuse_hors_du_developpement(
    environnement: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APP_ENV", environnement)
    refus = refus_hors_developpement()
    assert refus is not None and refus.startswith("Refusé : les données de démonstration")
    monkeypatch.setenv("APP_ENV", "development")
    assert refus_hors_developpement() is None


def test_python_m_devtools_seed_refuse_en_production_sans_rien_ecrire(tmp_path: Path) -> None:
    base = tmp_path / "identity.db"
    env = {
        **os.environ,
        "APP_ENV": "production",
        "IDENTITY_SECRET_KEY": "secret-de-production",
        "IDENTITY_DATABASE_URL": f"sqlite:///{base}",
    }
    resultat = subprocess.run(
        [sys.executable, "-m", "devtools.seed"], env=env, capture_output=True, text=True, timeout=60
    )
    assert resultat.returncode != 0
    assert "ne se chargent qu'en développement (APP_ENV=development)" in resultat.stderr
    assert not base.exists()
