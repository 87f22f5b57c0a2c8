from datetime import date

import pytest

from contracts.process import Modele
from services.pdf.domain import prefectures
from services.pdf.domain.documents import DOCUMENTS, definition, preparer_document
from services.pdf.domain.donnees import lieu_de_naissance
from services.pdf.domain.erreurs import DonneesInvalides, ModeleInconnu
from tests.services.pdf.donnees import DELAIS_DU_MODELE, NUMERO_DEMANDE, annexe, variables_processus

pytestmark = pytest.mark.unit
AUJOURDHUI = date(2023, 9, 12)


def test_one_document_per_pdf_template_of_the_contract() -> None:
    assert set(DOCUMENTS) == {
        Modele.CONFIRMATION_DEPOT,
        Modele.ATTESTATION_PROLONGATION,
        Modele.ATTESTATION_DECISION_FAVORABLE,
        Modele.DECISION_REFUS,
        Modele.LISTE_PIECES,
    }


@pytest.mark.parametrize("modele", ["demande-complements", "titre-disponible", "inconnu", ""])
def test_notification_only_or_unknown_templates_are_refused(modele: str) -> None:
    with pytest.raises(ModeleInconnu, match="Modèle de document inconnu"):
        definition(modele)


def test_confirmation_is_issued_on_the_day_of_deposit_in_france() -> None:
    variables = variables_processus(dateDepot="2023-08-18T22:30:00Z")  # 00:30 on the 19th in Paris
    document = preparer_document("confirmation-depot", variables, aujourdhui=AUJOURDHUI)
    assert document.contexte["date_emission"] == date(2023, 8, 19)
    assert document.nom_fichier == f"confirmation-depot-{NUMERO_DEMANDE}.pdf"


def test_prolongation_covers_three_months_from_the_end_of_the_title() -> None:
    document = preparer_document("attestation-prolongation", variables_processus(), aujourdhui=AUJOURDHUI)
    assert (document.contexte["debut"], document.contexte["fin"]) == (date(2023, 9, 12), date(2023, 12, 11))
    assert document.nom_fichier == f"attestation-prolongation-{NUMERO_DEMANDE}-20230912.pdf"


def test_prolongation_lasts_what_the_model_says() -> None:
    delais = {**DELAIS_DU_MODELE, "validiteProlongation": "P6M"}
    document = preparer_document(
        "attestation-prolongation", variables_processus(delais=delais), aujourdhui=AUJOURDHUI
    )
    assert (document.contexte["debut"], document.contexte["fin"]) == (date(2023, 9, 12), date(2024, 3, 11))


@pytest.mark.parametrize("modele", ["attestation-decision-favorable", "decision-refus"])
def test_a_decision_generated_days_later_states_the_valideur_s_date(modele: str) -> None:
    """Validated on 12/09, the job retried on 14/09: the document is of 12/09, its card from 13/09."""
    document = preparer_document(modele, variables_processus(), aujourdhui=date(2023, 9, 14))
    assert document.contexte["date_decision"] == date(2023, 9, 12)
    assert document.contexte["date_emission"] == date(2023, 9, 12)
    if modele == "attestation-decision-favorable":
        assert (document.contexte["debut"], document.contexte["fin"]) == (
            date(2023, 9, 13),
            date(2027, 9, 12),
        )


def test_favourable_decision_announces_a_four_year_card_and_the_tax() -> None:
    document = preparer_document(
        "attestation-decision-favorable", variables_processus(), aujourdhui=AUJOURDHUI
    )
    contexte = document.contexte
    assert (contexte["debut"], contexte["fin"]) == (date(2023, 9, 13), date(2027, 9, 12))
    assert contexte["d"].montant_taxe == 225


def test_refusal_names_the_authority_and_keeps_each_line_of_the_motive() -> None:
    document = preparer_document("decision-refus", variables_processus(), aujourdhui=AUJOURDHUI)
    assert document.contexte["autorite"] == "le préfet du Nord"
    assert document.contexte["destinataire"] == "au préfet du Nord"
    assert len(document.contexte["motifs"]) == 2


def test_missing_data_is_named_without_revealing_any_value() -> None:
    variables = variables_processus(motifDecision="  ")
    del variables["demandeur"]["dateNaissance"]
    with pytest.raises(DonneesInvalides) as erreur:
        preparer_document("decision-refus", variables, aujourdhui=AUJOURDHUI)
    message = str(erreur.value)
    assert "« decision-refus »" in message
    assert "demandeur.dateNaissance (manquant)" in message
    assert "motifDecision (invalide)" in message
    assert "Etranger" not in message and "Brasilia" not in message


def test_an_unknown_prefecture_is_invalid() -> None:
    with pytest.raises(DonneesInvalides, match=r"prefecture \(invalide\)"):
        preparer_document(
            "decision-refus", variables_processus(prefecture="prefecture-00"), aujourdhui=AUJOURDHUI
        )


def test_prefectures_are_named_with_their_article() -> None:
    assert prefectures.autorite("prefecture-13") == "le préfet des Bouches-du-Rhône"
    assert prefectures.autorite("2a") == "le préfet de la Corse-du-Sud"
    assert prefectures.destinataire("prefecture-75") == "au préfet de police de Paris"


def test_the_list_of_pieces_needs_the_annexe_and_no_case() -> None:
    with pytest.raises(DonneesInvalides, match="liste-pieces"):
        preparer_document("liste-pieces", {"cas": "majeur"}, aujourdhui=AUJOURDHUI)
    document = preparer_document("liste-pieces", {"cas": "majeur", "annexe": annexe()}, aujourdhui=AUJOURDHUI)
    assert "libelle_cas" not in document.contexte
    assert document.nom_fichier == "liste-pieces.pdf"


def test_huit_etranger_without_usage_name_nor_foreigner_number_is_identified_by_e_mail() -> None:
    demandeur = {
        "nom": "Etranger",
        "prenoms": "Huit",
        "dateNaissance": "2004-08-01",
        "lieuNaissance": "Brasilia",
        "paysNaissance": "Brésil",
        "nationalite": "Brésilienne",
        "numeroEtranger": None,
        "courriel": "huitetranger@yopmail.com",
        "adresse": "20 RUE NATIONALE 59000 LILLE FRANCE",
    }
    document = preparer_document(
        "confirmation-depot", variables_processus(demandeur=demandeur), aujourdhui=AUJOURDHUI
    )
    assert document.contexte["d"].demandeur.nom_usage is None
    assert document.contexte["d"].demandeur.identifiant == "huitetranger@yopmail.com"
    assert lieu_de_naissance(document.contexte["d"].demandeur) == "BRASILIA, BRÉSIL"
