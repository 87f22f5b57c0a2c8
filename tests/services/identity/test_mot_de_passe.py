from __future__ import annotations

from datetime import date

import pytest
from zxcvbn.adjacency_graphs import ADJACENCY_GRAPHS

from devtools.seed import AGENTS_DEMO, personnes_demo
from services.identity.adapters.mots_de_passe_courants import politique_mot_de_passe
from services.identity.adapters.robustesse import graphe_clavier
from services.identity.domain.erreurs import MotDePasseRefuse
from services.identity.domain.mot_de_passe import (
    MESSAGE_COURANT,
    MESSAGE_DIFFERENTS,
    MESSAGE_FORMAT,
    MESSAGE_INVISIBLE,
    MESSAGE_PERSONNEL,
    MESSAGE_TROP_LONG,
    Demandeur,
    Faiblesse,
    respecte_le_format,
)

pytestmark = pytest.mark.unit

POLITIQUE = politique_mot_de_passe()
SEPT = Demandeur(
    noms=("ETRANGER", "INC", "Sept"), numero_etranger="5903007178", courriel="septetranger@yopmail.com"
)
HELOISE = Demandeur(noms=("N'GUESSAN-DIALLO", "HÉLOÏSE Aïcha Li"), numero_etranger="7501234567")


def refus(mot_de_passe: str, demandeur: Demandeur | None = None, confirmation: str | None = None) -> str:
    with pytest.raises(MotDePasseRefuse) as refuse:
        POLITIQUE.verifier(mot_de_passe, mot_de_passe if confirmation is None else confirmation, demandeur)
    return refuse.value.message


@pytest.mark.parametrize(
    "mot_de_passe",
    [
        "Vx7#kPq2",  # 8 characters, nothing to guess
        "k-9Tr_Uop",
        "Mon.Chat.Mange.42",
        "Rivière+Bleue,9",  # « + » and « , » of the guide's second screen
        "Abc1+,xyzW",
        "Lilas Roubaix 59!",  # a plain space is a character like another
    ],
)
def test_accepte_ce_que_le_format_de_la_notice_demande(mot_de_passe: str) -> None:
    POLITIQUE.verifier(mot_de_passe, mot_de_passe, SEPT)


def test_les_caracteres_speciaux_des_deux_ecrans_de_la_notice_sont_acceptes() -> None:
    # Screen 1: !"#$%&()*-./=>?@_ — screen 2: !"#$$%&()*+,-/=>?@_
    for special in '!"#$%&()*+,-./=>?@_':
        mot_de_passe = f"Kq7w{special}Zr2Pm"
        assert respecte_le_format(mot_de_passe), special
        POLITIQUE.verifier(mot_de_passe, mot_de_passe, SEPT)
    assert '!"#$%&()*+,-./=>?@_' in MESSAGE_FORMAT


@pytest.mark.parametrize(
    "mot_de_passe",
    [
        "Ab1#xyz",  # 7 caractères
        "ab1#xyzw",  # pas de majuscule
        "AB1#XYZW",  # pas de minuscule
        "Abc#xyzw",  # pas de chiffre
        "Abc1xyzw",  # pas de caractère spécial
        "Abc1xyz;",  # « ; » n'est sur aucun des deux écrans
        "",
    ],
)
def test_refuse_ce_qui_ne_respecte_pas_le_format(mot_de_passe: str) -> None:
    assert not respecte_le_format(mot_de_passe)
    assert refus(mot_de_passe) == MESSAGE_FORMAT


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",  # espace de largeur nulle
        "\u200d",  # liant de largeur nulle
        "\u202e",  # forçage droite-à-gauche (bidi)
        "\u2066",  # isolat bidi
        "\ufeff",  # indicateur d'ordre des octets
        "\u00ad",  # trait d'union conditionnel
        "\u00a0",  # espace insécable
        "\u202f",  # espace fine insécable
        "\u3000",  # espace idéographique
        "\x00",
        "\x1b",  # C0
        "\t",
        "\n",
        "\x85",  # C1
        "\u2028",  # séparateur de ligne
        "\ue000",  # usage privé
    ],
)
def test_refuse_les_caracteres_invisibles_et_de_controle(invisible: str) -> None:
    mot_de_passe = f"Kq7w#Zr{invisible}2Pm"
    assert refus(mot_de_passe, SEPT) == MESSAGE_INVISIBLE
    assert "invisible" in MESSAGE_INVISIBLE and "contrôle" in MESSAGE_INVISIBLE


@pytest.mark.parametrize(
    ("mot_de_passe", "demandeur"),
    [
        ("Sept.Lille59!", SEPT),
        ("Lille#SEPT-59", SEPT),
        ("Kq7w#étranger", SEPT),  # accents and case ignored
        ("Xk2!Etrangerz", SEPT),
        ("Kq7w#5903007178", SEPT),  # the N° étranger
        ("Kq7w#590-300-7178", SEPT),  # even cut by separators
        ("Heloise.Nord-59", HELOISE),  # « HÉLOÏSE » without its accents
        ("Xk2!nguessanQ", HELOISE),  # « N'GUESSAN » without its apostrophe
        ("Kq7w#Diallo!", HELOISE),  # one part of a compound name
        ("Kq7w#A1cha!", HELOISE),  # « Aïcha » spelt with a digit
    ],
)
def test_refuse_le_nom_le_prenom_et_le_numero_etranger_du_demandeur(
    mot_de_passe: str, demandeur: Demandeur
) -> None:
    assert refus(mot_de_passe, demandeur) == MESSAGE_PERSONNEL


def test_les_parties_de_moins_de_3_lettres_ne_comptent_pas() -> None:
    assert "li" not in HELOISE.parties()
    POLITIQUE.verifier("Kq7w#Li.Zr2Pm", "Kq7w#Li.Zr2Pm", HELOISE)


@pytest.mark.parametrize(
    "mot_de_passe", ["Password1!", "P@ssw0rd1!", "Azerty123*", "Azerty123!", "Soleil2024!", "M0tdepasse!"]
)
def test_refuse_les_mots_de_passe_courants_meme_habilles(mot_de_passe: str) -> None:
    assert respecte_le_format(mot_de_passe)
    assert refus(mot_de_passe, SEPT) == MESSAGE_COURANT


@pytest.mark.parametrize(
    ("mot_de_passe", "faiblesse"),
    [
        ("Chocolat1!", Faiblesse.MOT_COURANT),
        ("Summer2026!", Faiblesse.MOT_COURANT),
        ("Elephant22!", Faiblesse.MOT_COURANT),
        ("Azer1234!", Faiblesse.CLAVIER),  # AZERTY, which zxcvbn does not know by itself
        ("Qsdf1234!", Faiblesse.CLAVIER),
        ("Wxcv1234!", Faiblesse.CLAVIER),
        ("Qwerty123!", None),  # zxcvbn's own list of passwords
        ("Ab1#defgh", Faiblesse.SUITE),
        ("Zz9(zzzzz", Faiblesse.REPETITION),
    ],
)
def test_l_estimateur_refuse_ce_qui_se_devine_malgre_le_format(
    mot_de_passe: str, faiblesse: str | None
) -> None:
    assert respecte_le_format(mot_de_passe)
    message = refus(mot_de_passe, SEPT)
    assert message.startswith("Ce mot de passe serait trop facile à deviner : ") or message == MESSAGE_COURANT
    if faiblesse is not None:
        assert faiblesse in message
    assert "Choisissez plutôt plusieurs mots" in message or message == MESSAGE_COURANT


def test_l_estimateur_reconnait_le_courriel_du_demandeur() -> None:
    courriel = Demandeur(courriel="tournevis.zeb@exemple.fr")
    POLITIQUE.verifier("Tournevis.zeb1!", "Tournevis.zeb1!")
    assert Faiblesse.PERSONNEL in refus("Tournevis.zeb1!", courriel)


def test_le_clavier_azerty_est_dessine_comme_zxcvbn_dessine_le_qwerty() -> None:
    qwerty = (
        "\n`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+\n"
        "    qQ wW eE rR tT yY uU iI oO pP [{ ]} \\|\n"
        "     aA sS dD fF gG hH jJ kK lL ;: '\"\n"
        "      zZ xX cC vV bB nN mM ,< .> /?\n"
    )
    assert graphe_clavier(qwerty) == ADJACENCY_GRAPHS["qwerty"]


def test_refuse_une_confirmation_differente() -> None:
    assert refus("Vx7#kPq2", confirmation="Vx7#kPq3") == MESSAGE_DIFFERENTS


def test_refuse_un_mot_de_passe_demesure() -> None:
    assert refus("Aa1#" * 40) == MESSAGE_TROP_LONG


def test_un_long_mot_de_passe_est_estime_sur_ses_72_premiers_caracteres() -> None:
    long = "Kq7w#Zr2Pm-" * 11
    POLITIQUE.verifier(long, long, SEPT)


def test_la_liste_livree_contient_les_classiques() -> None:
    assert len(POLITIQUE.courants) > 400
    assert {"123456", "password", "azerty", "motdepasse", "soleil"} <= POLITIQUE.courants


def test_les_mots_de_passe_de_demonstration_sont_acceptes() -> None:
    for agent in AGENTS_DEMO:
        POLITIQUE.verifier(agent.mot_de_passe, agent.mot_de_passe)
    for personne in personnes_demo(date(2026, 1, 1)):
        if personne.mot_de_passe:
            civil = personne.etat_civil
            demandeur = Demandeur(
                noms=tuple(n for n in (civil.nom_naissance, civil.nom_usage, civil.prenoms) if n),
                numero_etranger=personne.numero_etranger,
                courriel=personne.courriel,
            )
            POLITIQUE.verifier(personne.mot_de_passe, personne.mot_de_passe, demandeur)
