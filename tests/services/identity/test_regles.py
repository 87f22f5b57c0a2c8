"""Rules of the register, of guess limiting and of sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from services.identity.domain.limitation import PolitiqueLimitation, cle_limitation
from services.identity.domain.registre import (
    Titre,
    departement_de,
    normaliser_numero_titre,
    periode_carte_pluriannuelle,
    titre_le_plus_recent,
)
from services.identity.domain.sessions import PolitiqueSession

pytestmark = pytest.mark.unit

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code_postal", "departement"),
    [("59000", "59"), ("62100", "62"), ("01000", "01"), ("97411", "974"), ("20000", "2A"), ("20200", "2B")],
)
def test_la_prefecture_est_celle_du_departement_de_l_adresse(code_postal: str, departement: str) -> None:
    assert departement_de(code_postal) == departement


@pytest.mark.parametrize("code_postal", ["5900", "59 000", "ABCDE", ""])
def test_un_code_postal_invalide_est_refuse(code_postal: str) -> None:
    with pytest.raises(ValueError):
        departement_de(code_postal)


def test_la_carte_pluriannuelle_vaut_quatre_ans_des_le_lendemain_de_la_decision() -> None:
    # La notice : décision le 12/09/2023, carte valable du 13/09/2023 au 12/09/2027.
    assert periode_carte_pluriannuelle(date(2023, 9, 12)) == (date(2023, 9, 13), date(2027, 9, 12))
    assert periode_carte_pluriannuelle(date(2024, 2, 28)) == (date(2024, 2, 29), date(2028, 2, 28))
    assert periode_carte_pluriannuelle(date(2023, 2, 28)) == (date(2023, 3, 1), date(2027, 2, 28))


def test_le_titre_en_cours_est_le_dernier_delivre() -> None:
    ancien = Titre("a", "p", "1", "titre_sejour", "MNA", "VPF", date(2024, 1, 1), date(2025, 1, 1))
    nouveau = Titre("b", "p", "2", "titre_sejour", "Carte", "VPF", date(2025, 1, 2), date(2029, 1, 1))
    assert titre_le_plus_recent([nouveau, ancien]) is nouveau
    assert titre_le_plus_recent([]) is None


def test_le_numero_de_titre_se_compare_sans_espaces_ni_casse() -> None:
    assert normaliser_numero_titre(" 99 0000 0007 ") == "9900000007"
    assert normaliser_numero_titre("ab12") == "AB12"


def test_le_blocage_vient_au_cinquieme_echec_et_dure_quinze_minutes() -> None:
    politique = PolitiqueLimitation(5)
    compteur = None
    for minute in range(4):
        compteur = politique.apres_echec(compteur, T0 + timedelta(minutes=minute))
        assert not politique.bloque(compteur, T0 + timedelta(minutes=minute))
    compteur = politique.apres_echec(compteur, T0 + timedelta(minutes=4))
    assert politique.bloque(compteur, T0 + timedelta(minutes=5))
    assert not politique.bloque(compteur, T0 + timedelta(minutes=19, seconds=1))


def test_les_echecs_anciens_sont_oublies_apres_la_fenetre() -> None:
    politique = PolitiqueLimitation(3)
    compteur = politique.apres_echec(None, T0)
    compteur = politique.apres_echec(compteur, T0 + timedelta(minutes=1))
    compteur = politique.apres_echec(compteur, T0 + timedelta(minutes=20))
    assert compteur.echecs == 1
    assert not politique.bloque(compteur, T0 + timedelta(minutes=20))


def test_les_cles_de_limitation_ne_gardent_pas_ce_qui_a_ete_saisi() -> None:
    cle = cle_limitation("connexion", "5903007178")
    assert "5903007178" not in cle
    assert cle == cle_limitation("connexion", "5903007178") != cle_limitation("connexion", "5903007177")


def test_une_session_expire_apres_inactivite_et_au_plus_tard_apres_sa_duree_maximale() -> None:
    politique = PolitiqueSession(inactivite=timedelta(minutes=30), duree_maximale=timedelta(hours=2))
    session = politique.ouvrir("s", "demandeur", "c", T0)
    assert politique.active(session, T0 + timedelta(minutes=29))
    assert not politique.active(session, T0 + timedelta(minutes=30))
    for quart in range(1, 8):
        session = politique.prolonger(session, T0 + timedelta(minutes=15 * quart))
    assert session.expire_le == T0 + timedelta(hours=2)
    assert not politique.active(session, T0 + timedelta(hours=2))
