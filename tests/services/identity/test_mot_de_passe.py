from __future__ import annotations

import pytest

from devtools.seed import AGENTS_DEMO, personnes_demo
from services.identity.adapters.mots_de_passe_courants import MOTS_DE_PASSE_COURANTS
from services.identity.domain.erreurs import MotDePasseRefuse
from services.identity.domain.mot_de_passe import (
    MESSAGE_COURANT,
    MESSAGE_DIFFERENTS,
    MESSAGE_FORMAT,
    MESSAGE_TROP_LONG,
    PolitiqueMotDePasse,
    respecte_le_format,
)

pytestmark = pytest.mark.unit

POLITIQUE = PolitiqueMotDePasse.depuis_lignes(MOTS_DE_PASSE_COURANTS.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    "mot_de_passe",
    ["Vx7#kPq2", 'Ab1"defgh', "Zz9(zzzzz", "Mon.Chat.Mange.42", "k-9Tr_Uop"],
)
def test_accepte_ce_que_le_format_de_la_notice_demande(mot_de_passe: str) -> None:
    POLITIQUE.verifier(mot_de_passe, mot_de_passe)


@pytest.mark.parametrize(
    "mot_de_passe",
    [
        "Ab1#xyz",  # 7 caractères
        "ab1#xyzw",  # pas de majuscule
        "AB1#XYZW",  # pas de minuscule
        "Abc#xyzw",  # pas de chiffre
        "Abc1xyzw",  # pas de caractère spécial
        "Abc1xyz+",  # « + » n'est pas dans la liste de la notice
        "",
    ],
)
def test_refuse_ce_qui_ne_respecte_pas_le_format(mot_de_passe: str) -> None:
    assert not respecte_le_format(mot_de_passe)
    with pytest.raises(MotDePasseRefuse) as refus:
        POLITIQUE.verifier(mot_de_passe, mot_de_passe)
    assert refus.value.message == MESSAGE_FORMAT
    assert '!"#$%&()*-./=>?@_' in refus.value.message


@pytest.mark.parametrize(
    "mot_de_passe", ["Password1!", "P@ssw0rd1!", "Azerty123*", "Soleil2024!", "M0tdepasse!", "Marseille13!"]
)
def test_refuse_les_mots_de_passe_courants_meme_habilles(mot_de_passe: str) -> None:
    assert respecte_le_format(mot_de_passe)
    with pytest.raises(MotDePasseRefuse) as refus:
        POLITIQUE.verifier(mot_de_passe, mot_de_passe)
    assert refus.value.message == MESSAGE_COURANT


def test_refuse_une_confirmation_differente() -> None:
    with pytest.raises(MotDePasseRefuse) as refus:
        POLITIQUE.verifier("Vx7#kPq2", "Vx7#kPq3")
    assert refus.value.message == MESSAGE_DIFFERENTS


def test_refuse_un_mot_de_passe_demesure() -> None:
    with pytest.raises(MotDePasseRefuse) as refus:
        POLITIQUE.verifier("Aa1#" * 40, "Aa1#" * 40)
    assert refus.value.message == MESSAGE_TROP_LONG


def test_la_liste_livree_contient_les_classiques() -> None:
    assert len(POLITIQUE.courants) > 400
    assert {"123456", "password", "azerty", "motdepasse", "soleil"} <= POLITIQUE.courants


def test_les_mots_de_passe_de_demonstration_sont_acceptes() -> None:
    from datetime import date

    demo = [a.mot_de_passe for a in AGENTS_DEMO]
    demo += [p.mot_de_passe for p in personnes_demo(date(2026, 1, 1)) if p.mot_de_passe]
    for mot_de_passe in demo:
        POLITIQUE.verifier(mot_de_passe, mot_de_passe)
