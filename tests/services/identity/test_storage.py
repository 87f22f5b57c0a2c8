"""The SQL repositories on SQLite and PostgreSQL (migrations included)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from contracts.identity import Adresse
from services.identity.domain.comptes import CompteDemandeur, EtatCompte
from services.identity.domain.jetons import JetonEmis, UsageJeton
from services.identity.domain.limitation import Compteur
from services.identity.domain.registre import Titre
from services.identity.domain.situation import ChangementAdresse
from services.identity.storage.tables import outbox
from services.identity.usecases.menage import faire_le_menage
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import HorlogeReglable, build_deps

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def base(database_url: str) -> Iterator[IdentityParts]:
    deps = build_deps(database_url, HorlogeReglable())
    yield deps
    deps.engine.dispose()


def test_le_registre_retrouve_titres_et_personnes(base: IdentityParts) -> None:
    with base.unit_of_work.transaction() as d:
        titre = d.registre.titre_par_numero("9900000007")
        assert titre is not None and titre.nature == "titre_sejour"
        sept = d.registre.personne(titre.personne_id)
        assert sept is not None and sept.numero_etranger == "5903007178"
        assert sept.etat_civil.date_naissance == date(2006, 7, 1)
        assert sept.adresse.code_postal == "59000"
        assert d.registre.personne_par_numero_etranger("5903007177") is not None
        assert d.registre.titres_de(sept.id) == [titre]
        assert d.registre.titre_par_numero("0000000000") is None


def test_un_titre_ne_s_enregistre_qu_une_fois_par_dossier(base: IdentityParts) -> None:
    with base.unit_of_work.transaction() as d:
        sept = d.registre.personne_par_numero_etranger("5903007178")
        assert sept is not None
        numero = d.registre.prochain_numero_titre(date(2026, 3, 2))
        assert numero == "2600000001"
        d.registre.enregistrer_titre(
            Titre(
                "t1",
                sept.id,
                numero,
                "titre_sejour",
                "Carte",
                "VPF",
                date(2026, 3, 3),
                date(2030, 3, 2),
                "d1",
            )
        )
        assert d.registre.prochain_numero_titre(date(2026, 3, 2)) == "2600000002"
        assert d.registre.titre_du_dossier("d1") is not None
    with pytest.raises(IntegrityError), base.unit_of_work.transaction() as d:
        d.registre.enregistrer_titre(
            Titre(
                "t2",
                sept.id,
                "2600000002",
                "titre_sejour",
                "Carte",
                "VPF",
                date(2026, 3, 3),
                date(2030, 3, 2),
                "d1",
            )
        )


def test_un_compte_se_retrouve_par_n_etranger_ou_par_email_faute_de_numero(base: IdentityParts) -> None:
    with base.unit_of_work.transaction() as d:
        sept = d.demandeurs.par_identifiant("5903007178")
        assert sept is not None and sept.actif and sept.courriel == "septetranger@yopmail.com"
        # Sept a un N° étranger : son email n'est pas un identifiant de connexion.
        assert d.demandeurs.par_identifiant("septetranger@yopmail.com") is None
        douze = d.registre.titre_par_numero("9900000012")
        assert douze is not None
        compte = CompteDemandeur("c12", douze.personne_id, "douze@exemple.fr", EtatCompte.EN_ATTENTE, T0)
        d.demandeurs.enregistrer(compte)
        trouve = d.demandeurs.par_identifiant("douze@exemple.fr")
        assert trouve is not None and trouve.id == "c12" and not trouve.actif
        assert trouve.cree_le == T0
        assert d.demandeurs.courriel_pris_comme_identifiant("douze@exemple.fr", sauf_compte=None)
        assert not d.demandeurs.courriel_pris_comme_identifiant("douze@exemple.fr", sauf_compte="c12")


def test_les_jetons_sont_retrouves_par_empreinte_et_annulables(base: IdentityParts) -> None:
    with base.unit_of_work.transaction() as d:
        compte = d.demandeurs.par_identifiant("5903007178")
        assert compte is not None
        for numero in (1, 2):
            jeton = JetonEmis(
                f"j{numero}", compte.id, UsageJeton.REINITIALISATION, T0, T0 + timedelta(hours=1)
            )
            d.jetons.ajouter(jeton, f"empreinte-{numero}")
        assert d.jetons.par_empreinte("empreinte-1") == JetonEmis(
            "j1", compte.id, UsageJeton.REINITIALISATION, T0, T0 + timedelta(hours=1)
        )
        d.jetons.annuler_ceux_de(compte.id, UsageJeton.REINITIALISATION, T0)
        annule = d.jetons.par_empreinte("empreinte-2")
        assert annule is not None and annule.utilise_le == T0
        assert d.jetons.dernier(compte.id, UsageJeton.CONFIRMATION) is None


def test_sessions_revoquees_une_a_une_ou_toutes(base: IdentityParts) -> None:
    politique = base.outils.reglages.session
    with base.unit_of_work.transaction() as d:
        for numero in (1, 2, 3):
            d.sessions.ajouter(politique.ouvrir(f"s{numero}", "agent", "a1", T0), f"e{numero}")
        d.sessions.revoquer("s1", T0)
        assert d.sessions.revoquer_toutes("agent", "a1", T0, sauf="s2") == 1
        etats = {s.id: s.revoquee_le for s in d.sessions.de("agent", "a1")}
        assert etats == {"s1": T0, "s2": None, "s3": T0}
        trouvee = d.sessions.par_empreinte("e2")
        assert trouvee is not None and trouvee.expire_le == T0 + politique.inactivite


def test_les_compteurs_de_tentatives(base: IdentityParts) -> None:
    with base.unit_of_work.transaction() as d:
        d.tentatives.enregistrer("cle", Compteur(1, T0))
        d.tentatives.enregistrer("cle", Compteur(2, T0, T0 + timedelta(minutes=15)))
        assert d.tentatives.compteur("cle") == Compteur(2, T0, T0 + timedelta(minutes=15))
        d.tentatives.effacer("cle")
        assert d.tentatives.compteur("cle") is None


def test_les_evenements_partent_avec_la_transaction(base: IdentityParts) -> None:
    with pytest.raises(RuntimeError), base.unit_of_work.transaction() as d:
        d.evenements.publier("identity.test.annule", {"n": 1})
        raise RuntimeError
    with base.unit_of_work.transaction() as d:
        d.evenements.publier("identity.test.valide", {"n": 2})
    with base.unit_of_work.sessions() as session:
        sujets = [r.subject for r in session.execute(select(outbox))]
    assert sujets == ["identity.test.valide"]


def test_le_compteur_verrouille_existe_toujours_et_le_menage_oublie_le_perime(base: IdentityParts) -> None:
    with base.unit_of_work.transaction() as d:
        assert d.tentatives.verrouiller("nouvelle", T0) == Compteur(0, T0)
        d.tentatives.enregistrer("nouvelle", Compteur(3, T0))
        assert d.tentatives.verrouiller("nouvelle", T0 + timedelta(minutes=1)) == Compteur(3, T0)
        d.tentatives.enregistrer("bloquee", Compteur(5, T0, T0 + timedelta(days=30)))
        politique = base.outils.reglages.session
        d.sessions.ajouter(politique.ouvrir("ancienne", "agent", "a1", T0), "e-ancienne")
        d.sessions.ajouter(politique.ouvrir("recente", "agent", "a1", T0 + timedelta(days=10)), "e-recente")
    with base.unit_of_work.transaction() as d:
        base.outils.clock.maintenant = T0 + timedelta(days=10)  # type: ignore[attr-defined]
        assert faire_le_menage(depots=d, outils=base.outils) == {"sessions": 1, "liens": 0, "compteurs": 1}
        assert d.tentatives.compteur("bloquee") is not None
        assert [s.id for s in d.sessions.de("agent", "a1")] == ["recente"]


def test_l_historique_des_adresses_se_garde_date_et_du_plus_recent_au_plus_ancien(
    base: IdentityParts,
) -> None:
    with base.unit_of_work.transaction() as d:
        sept = d.registre.personne_par_numero_etranger("5903007178")
        assert sept is not None
        arras = Adresse(voie="RUE GAMBETTA", code_postal="62000", ville="ARRAS")
        lens = Adresse(numero_voie="1", voie="PLACE JEAN JAURES", code_postal="62300", ville="LENS")
        for ident, quand, ancienne, nouvelle in (
            ("c1", T0, sept.adresse, arras),
            ("c2", T0 + timedelta(days=40), arras, lens),
        ):
            d.registre.ajouter_changement_adresse(
                ChangementAdresse(
                    ident, sept.id, quand, "compte-7", ancienne, nouvelle, f"adresse-{ident}", "f1"
                )
            )
    with base.unit_of_work.transaction() as d:
        relus = d.registre.changements_adresse(sept.id)
    assert [c.id for c in relus] == ["c2", "c1"]
    assert relus[1].ancienne == sept.adresse and relus[1].nouvelle == arras
    assert relus[0].declare_le == T0 + timedelta(days=40) and relus[0].prefecture == "62"
    assert relus[0].justificatif_dossier_id == "adresse-c2"
