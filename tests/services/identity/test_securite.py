from __future__ import annotations

import pytest

from services.identity.adapters.crypto import Argon2Hacheur, SignataireJetons

pytestmark = pytest.mark.unit


def test_les_mots_de_passe_sont_haches_en_argon2id() -> None:
    hacheur = Argon2Hacheur(time_cost=1, memory_cost_kib=64, parallelism=1)
    empreinte = hacheur.hacher("Vx7#kPq2")
    assert empreinte.startswith("$argon2id$")
    assert "Vx7#kPq2" not in empreinte
    assert hacheur.verifier(empreinte, "Vx7#kPq2")
    assert not hacheur.verifier(empreinte, "Vx7#kPq3")
    assert not hacheur.verifier("pas-une-empreinte", "Vx7#kPq2")


def test_une_empreinte_aux_parametres_anciens_est_a_refaire() -> None:
    leger = Argon2Hacheur(time_cost=1, memory_cost_kib=64, parallelism=1)
    fort = Argon2Hacheur(time_cost=2, memory_cost_kib=128, parallelism=1)
    assert fort.a_rehacher(leger.hacher("Vx7#kPq2"))
    assert not leger.a_rehacher(leger.hacher("Vx7#kPq2"))


def test_un_jeton_de_lien_n_est_valable_que_signe_par_nous_et_pour_son_usage() -> None:
    signataire = SignataireJetons("secret")
    jeton = signataire.nouveau_jeton("confirmation-compte")
    assert signataire.verifier(jeton, "confirmation-compte")
    assert not signataire.verifier(jeton, "reinitialisation-mot-de-passe")
    assert not SignataireJetons("autre-secret").verifier(jeton, "confirmation-compte")
    assert not signataire.verifier(jeton[:-2] + "xx", "confirmation-compte")
    assert not signataire.verifier("n'importe quoi", "confirmation-compte")
    assert signataire.nouveau_jeton("confirmation-compte") != jeton
