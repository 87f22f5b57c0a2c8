"""The dossier aggregate: steps, their French messages, the deposit, what follows it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from contracts.dossier import (
    ADRESSE_DU_REGISTRE,
    HORS_PROCEDURE_AGE,
    HORS_PROCEDURE_POUR,
    HORS_PROCEDURE_TITRE,
    MESSAGE_NON_ELIGIBLE,
    Attestation,
    Cas,
    Decision,
    EtapeInformationsPersonnelles,
    EtapeMotifSejour,
    EvenementDossier,
    MotifCloture,
    PourQui,
    SituationFamiliale,
    Statut,
)
from contracts.identity import Adresse
from services.dossier.domain.depot import manquants_des_etapes
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import (
    DemandeurNonEligible,
    EtatIncompatible,
    HorsProcedure,
    SaisieInvalide,
)
from services.dossier.domain.procedure import verifier_procedure
from tests.services.dossier.conftest import adresse_lille, fiche_huit, fiche_sept

pytestmark = pytest.mark.unit
MAINTENANT = datetime(2023, 8, 18, 9, 30, tzinfo=UTC)
AUJOURDHUI = date(2023, 8, 18)
TOUTES = [Attestation.BESOIN_TITRE, Attestation.NON_POLYGAMIE, Attestation.SANCTIONS_PENALES]


def brouillon(majeur: bool = False) -> Dossier:
    fiche = fiche_huit() if majeur else fiche_sept()
    return Dossier.creer(dossier_id="d-1", fiche=fiche, maintenant=MAINTENANT)


def etape_1(**changes: object) -> EtapeInformationsPersonnelles:
    valeurs: dict[str, object] = {"adresse": adresse_lille(), "telephone": "06 12 34 56 78", **changes}
    return EtapeInformationsPersonnelles.model_validate(valeurs)


def etape_2(
    prise_en_charge: date = date(2019, 5, 3), attestations: list[Attestation] | None = None
) -> EtapeMotifSejour:
    return EtapeMotifSejour(
        date_prise_en_charge_ase=prise_en_charge,
        situation_familiale=SituationFamiliale.CELIBATAIRE,
        enfants_a_charge=False,
        attestations=TOUTES if attestations is None else attestations,
    )


def complet(majeur: bool = False) -> Dossier:
    dossier = brouillon(majeur)
    dossier.enregistrer_informations_personnelles(etape_1(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    dossier.enregistrer_motif_sejour(etape_2(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    dossier.enregistrer_justificatifs(maintenant=MAINTENANT)
    return dossier


def messages(erreur: pytest.ExceptionInfo[SaisieInvalide]) -> dict[str, str]:
    return {e.champ: e.message for e in erreur.value.erreurs}


def test_a_draft_copies_the_registers_civil_status_and_starts_in_progress() -> None:
    dossier = brouillon()
    assert dossier.statut is Statut.BROUILLON and dossier.en_cours
    assert dossier.etat_civil.nom_naissance == "ETRANGER" and dossier.prefecture == "59"
    assert [f.evenement for f in dossier.faits] == [EvenementDossier.CREE]


def test_step_1_keeps_the_phone_normalised_and_derives_the_case() -> None:
    dossier = brouillon()
    dossier.enregistrer_informations_personnelles(
        etape_1(mineurEmancipe=True), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT
    )
    assert dossier.telephone == "0612345678"
    assert dossier.cas is Cas.MINEUR_EMANCIPE and dossier.derniere_etape == 1


def test_step_1_answers_a_french_message_per_field() -> None:
    adresse = adresse_lille().model_copy(update={"voie": " ", "ville": "", "code_postal": "590"})
    with pytest.raises(SaisieInvalide) as erreur:
        brouillon().enregistrer_informations_personnelles(
            etape_1(adresse=adresse, telephone="12"), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT
        )
    assert messages(erreur) == {
        "adresse": ADRESSE_DU_REGISTRE,
        "telephone": "Le numéro de téléphone n'est pas valide : 10 chiffres (ex. 0612345678) "
        "ou format international (ex. +33612345678).",
    }


def test_step_1_takes_the_registers_address_and_the_deposit_routes_by_it() -> None:
    arras = Adresse(voie="RUE GAMBETTA", code_postal="62000", ville="ARRAS")
    dossier = brouillon()
    dossier.enregistrer_informations_personnelles(
        etape_1(adresse=None), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT, adresse_registre=arras
    )
    assert dossier.adresse == arras
    dossier.deposer(cas=Cas.MINEUR, maintenant=MAINTENANT, jour=AUJOURDHUI, adresse_registre=arras)
    assert dossier.prefecture == "62"


@pytest.mark.parametrize(
    ("pour", "naissance", "type_titre", "refus"),
    [
        (PourQui.MOI_MEME, date(2006, 7, 1), "MNA placé avant 16 ans", None),
        (PourQui.MOI_MEME, date(2007, 8, 18), "MNA placé avant 16 ans", None),  # 16 today
        (PourQui.MOI_MEME, date(2007, 8, 19), "MNA placé avant 16 ans", HORS_PROCEDURE_AGE),
        (
            PourQui.MINEUR_PROTECTION_INTERNATIONALE,
            date(2006, 7, 1),
            "MNA placé avant 16 ans",
            HORS_PROCEDURE_POUR,
        ),
        (PourQui.MOI_MEME, date(2006, 7, 1), "Mineur devenant majeur né en France", HORS_PROCEDURE_TITRE),
    ],
)
def test_who_may_start_this_procedure(
    pour: PourQui, naissance: date, type_titre: str, refus: str | None
) -> None:
    fiche = fiche_sept()
    fiche = fiche.model_copy(
        update={
            "etat_civil": fiche.etat_civil.model_copy(update={"date_naissance": naissance}),
            "titre_en_cours": fiche.titre_en_cours.model_copy(update={"type": type_titre}),
        }
    )
    if refus is None:
        verifier_procedure(fiche, pour, AUJOURDHUI)
    else:
        with pytest.raises(HorsProcedure, match=refus[:40]):
            verifier_procedure(fiche, pour, AUJOURDHUI)


def test_an_adult_cannot_tick_the_emancipated_minor_box() -> None:
    with pytest.raises(SaisieInvalide) as erreur:
        brouillon(majeur=True).enregistrer_informations_personnelles(
            etape_1(mineurEmancipe=True), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT
        )
    assert "mineurEmancipe" in messages(erreur)


def test_steps_are_saved_in_order() -> None:
    with pytest.raises(EtatIncompatible, match="étape précédente"):
        brouillon().enregistrer_motif_sejour(etape_2(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)


def test_placed_after_16_is_refused_with_the_seeds_message() -> None:
    dossier = brouillon()
    dossier.enregistrer_informations_personnelles(etape_1(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    with pytest.raises(DemandeurNonEligible) as erreur:
        dossier.enregistrer_motif_sejour(
            etape_2(date(2022, 7, 2)), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT
        )
    assert erreur.value.message == MESSAGE_NON_ELIGIBLE
    assert dossier.motif_sejour is None


def test_a_placement_date_in_the_future_or_before_birth_is_refused() -> None:
    dossier = brouillon()
    dossier.enregistrer_informations_personnelles(etape_1(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    for mauvaise in (date(2023, 8, 19), date(2006, 6, 30)):
        with pytest.raises(SaisieInvalide) as erreur:
            dossier.enregistrer_motif_sejour(etape_2(mauvaise), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
        assert list(messages(erreur)) == ["datePriseEnChargeAse"]


@pytest.mark.parametrize(
    ("majeur", "emancipe", "exigees"),
    [
        (False, False, {"besoin_titre", "sanctions_penales"}),
        (False, True, {"besoin_titre", "non_polygamie", "sanctions_penales"}),
        (True, False, {"non_polygamie", "sanctions_penales"}),
    ],
)
def test_each_case_has_its_sworn_statements(majeur: bool, emancipe: bool, exigees: set[str]) -> None:
    dossier = brouillon(majeur)
    dossier.enregistrer_informations_personnelles(
        etape_1(mineurEmancipe=emancipe), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT
    )
    with pytest.raises(SaisieInvalide) as erreur:
        dossier.enregistrer_motif_sejour(
            etape_2(attestations=[]), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT
        )
    assert {champ.removeprefix("attestations.") for champ in messages(erreur)} == exigees
    dossier.enregistrer_motif_sejour(etape_2(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    assert dossier.motif_sejour is not None
    assert {a.value for a in dossier.motif_sejour.attestations} == exigees


def test_a_complete_draft_misses_nothing_and_an_empty_one_lists_everything() -> None:
    assert manquants_des_etapes(complet(), Cas.MINEUR) == []
    champs = [m.champ for m in manquants_des_etapes(brouillon(), Cas.MINEUR)]
    assert champs == [
        "telephone",
        "datePriseEnChargeAse",
        "situationFamiliale",
        "enfantsACharge",
        "attestations.besoin_titre",
        "attestations.sanctions_penales",
        "justificatifs",
    ]


def test_a_minor_turning_18_before_the_deposit_owes_the_adults_statement() -> None:
    manquants = manquants_des_etapes(complet_mineur_sans_polygamie(), Cas.MAJEUR)
    assert [m.champ for m in manquants] == ["attestations.non_polygamie"]


def complet_mineur_sans_polygamie() -> Dossier:
    dossier = brouillon()
    dossier.enregistrer_informations_personnelles(etape_1(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    dossier.enregistrer_motif_sejour(etape_2(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    dossier.enregistrer_justificatifs(maintenant=MAINTENANT)
    return dossier


def test_a_deposited_dossier_is_immutable() -> None:
    dossier = complet()
    dossier.deposer(cas=Cas.MINEUR, maintenant=MAINTENANT, jour=AUJOURDHUI)
    assert dossier.statut is Statut.DEPOSEE and dossier.date_depot == AUJOURDHUI
    with pytest.raises(EtatIncompatible, match="ne peut plus être modifiée"):
        dossier.enregistrer_informations_personnelles(etape_1(), aujourdhui=AUJOURDHUI, maintenant=MAINTENANT)
    with pytest.raises(EtatIncompatible):
        dossier.abandonner(maintenant=MAINTENANT)


def test_withdrawal_is_possible_until_the_decision() -> None:
    with pytest.raises(EtatIncompatible):
        complet().se_desister(maintenant=MAINTENANT)  # not deposited: abandon it instead
    dossier = complet()
    dossier.deposer(cas=Cas.MINEUR, maintenant=MAINTENANT, jour=AUJOURDHUI)
    dossier.se_desister(maintenant=MAINTENANT)
    dossier.se_desister(maintenant=MAINTENANT)  # twice: once
    assert dossier.statut is Statut.DESISTEMENT and not dossier.en_cours
    dossier.cloturer(MotifCloture.DESISTEMENT, maintenant=MAINTENANT, origine="1")  # the process confirms
    assert [t.statut for t in dossier.transitions].count(Statut.DESISTEMENT) == 1

    decide = complet()
    decide.deposer(cas=Cas.MINEUR, maintenant=MAINTENANT, jour=AUJOURDHUI)
    decide.enregistrer_decision(
        Decision.FAVORABLE, motif=None, le=MAINTENANT, maintenant=MAINTENANT, origine="2"
    )
    with pytest.raises(EtatIncompatible, match="décision"):
        decide.se_desister(maintenant=MAINTENANT)


def test_a_decision_is_recorded_once_and_ends_the_application_in_progress() -> None:
    dossier = complet()
    dossier.deposer(cas=Cas.MINEUR, maintenant=MAINTENANT, jour=AUJOURDHUI)
    dossier.enregistrer_decision(
        Decision.DEFAVORABLE, motif="Motif", le=MAINTENANT, maintenant=MAINTENANT, origine="1"
    )
    dossier.enregistrer_decision(
        Decision.FAVORABLE, motif=None, le=MAINTENANT, maintenant=MAINTENANT, origine="2"
    )
    assert dossier.decision is not None and dossier.decision.decision is Decision.DEFAVORABLE
    assert dossier.statut is Statut.REFUSEE and not dossier.en_cours
