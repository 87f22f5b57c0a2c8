"""The texts of the notifications, in the seed's wording."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.jobs.notifier import NotifierInput
from contracts.notifier import FichierExamine, PieceJointe
from contracts.process import Modele
from contracts.variables import DocumentProduit
from services.notifier.domain.redaction import (
    TITRES,
    JustificatifsExamines,
    ModeleSansNotification,
    VariablesManquantes,
    piece_jointe,
    rediger,
    verifier_modele,
)
from tests.services.notifier.conftest import DELAIS, DEMANDEUR

pytestmark = pytest.mark.unit

VARIABLES = {"numeroDemande": "5901202308180000190", "demandeur": DEMANDEUR, "delais": DELAIS}


def entree(variables: dict[str, Any]) -> NotifierInput:
    """The job's variables as the worker validates them (contracts.jobs.notifier)."""
    return NotifierInput.model_validate(variables)


def test_decision_favorable_reads_as_in_the_seed() -> None:
    redaction = rediger(Modele.ATTESTATION_DECISION_FAVORABLE, entree(VARIABLES))
    contenu = redaction.contenu()

    assert redaction.titre == "Notification de décision"
    assert contenu.salutation == "Bonjour SEPT Etranger,"
    assert contenu.paragraphes[0] == (
        "Je vous informe que votre demande en ligne de titre de séjour n° 5901202308180000190 a été "
        "acceptée. Un nouveau titre de séjour est en cours de fabrication et vous sera prochainement remis."
    )
    assert "vous précisera le montant de la taxe à acquitter." in contenu.paragraphes[2]
    assert contenu.signature == [
        "Cordialement,",
        "L'agent Instructeur",
        "Ministère de l'Intérieur et des Outre-Mer",
    ]


def test_demande_de_complement_lists_each_piece_and_warns_of_the_30_days() -> None:
    variables = {
        **VARIABLES,
        "piecesDemandees": [
            {
                "piece": "justificatif-nationalite",
                "observation": "Veuillez fournir une copie lisible de votre passeport.",
            },
            {"piece": "justificatif-domicile", "observation": "", "libelle": "pas celui du formulaire"},
            {"piece": "piece-inconnue", "observation": "montrée telle quelle"},
        ],
    }
    redaction = rediger(Modele.DEMANDE_COMPLEMENTS, entree(variables))
    contenu = redaction.contenu()

    assert redaction.titre == "Demande de complément"
    assert contenu.salutation == "Bonjour SEPT ETRANGER"
    assert contenu.paragraphes == [
        "Je vous informe qu'après avoir pris connaissance des documents justificatifs joints à votre "
        "demande, un complément d'information est nécessaire à la poursuite de son instruction."
    ]
    assert contenu.information is not None and contenu.information.endswith("La taille maximale : 10 Mo")
    assert contenu.introduction_pieces is None  # each document says why it is asked for
    assert {p.phrase for p in contenu.pieces_demandees} == {
        "Les documents mentionnés ci-dessous ne sont pas lisibles :"  # no reason given: the guide's
    }
    assert [(p.libelle, p.observation) for p in contenu.pieces_demandees] == [
        ("Justificatif de nationalité", "Veuillez fournir une copie lisible de votre passeport."),
        ("Justificatif de domicile datant de moins de 6 mois", ""),
        ("piece-inconnue", "montrée telle quelle"),
    ]
    assert contenu.avertissement == (
        "Si vous n'apportez pas les compléments nécessaires dans un délai de 30 jours après avoir pris "
        "connaissance de ce message, votre demande pourra être considérée comme incomplète par "
        "l'administration qui ne sera pas en mesure de prendre une décision d'acceptation ou de refus de "
        "votre demande, et elle sera clôturée."
    )


@pytest.mark.parametrize(
    ("modele", "titre"),
    [
        (Modele.ATTESTATION_PROLONGATION, "Notification de prolongation de l'instruction"),
        (Modele.DECISION_REFUS, "Notification de décision"),
        (Modele.CONFIRMATION_DEPOT, "Confirmation de dépôt"),
    ],
)
def test_every_notification_names_the_application(modele: Modele, titre: str) -> None:
    redaction = rediger(modele, entree(VARIABLES))

    assert redaction.titre == titre
    assert any("5901202308180000190" in p for p in redaction.contenu().paragraphes)


def test_every_notification_template_has_a_text() -> None:
    for modele in TITRES:
        contenu = rediger(modele, entree(VARIABLES)).contenu()
        assert contenu.salutation.startswith("Bonjour") and contenu.paragraphes and contenu.signature


def test_refusal_gives_the_reason_when_there_is_one() -> None:
    contenu = rediger(
        Modele.DECISION_REFUS, entree({**VARIABLES, "motifDecision": "Pièces non probantes."})
    ).contenu()

    assert "Motif de la décision : Pièces non probantes." in contenu.paragraphes


def test_a_nameless_applicant_is_greeted_plainly() -> None:
    assert rediger(Modele.DESISTEMENT, entree({"numeroDemande": "1"})).contenu().salutation == "Bonjour,"
    assert rediger(Modele.DEMANDE_COMPLEMENTS, entree({"delais": DELAIS})).contenu().salutation == "Bonjour,"


def test_the_list_of_pieces_is_a_pdf_not_a_notification() -> None:
    with pytest.raises(ModeleSansNotification):
        verifier_modele(Modele.LISTE_PIECES.value)
    with pytest.raises(ModeleSansNotification):
        verifier_modele("inconnu")
    assert verifier_modele("decision-refus") is Modele.DECISION_REFUS


def test_the_pdf_is_attached_only_to_the_notification_it_was_made_for() -> None:
    document = DocumentProduit(id="doc-1", modele="attestation-prolongation", nom_fichier="attestation.pdf")

    assert piece_jointe(Modele.ATTESTATION_PROLONGATION, document) == (
        PieceJointe(document_id="doc-1", nom_fichier="attestation.pdf", modele="attestation-prolongation"),
    )
    assert piece_jointe(Modele.DEMANDE_COMPLEMENTS, document) == ()
    assert piece_jointe(Modele.ATTESTATION_PROLONGATION, None) == ()
    sans_id = DocumentProduit(id="", modele="attestation-prolongation", nom_fichier="attestation.pdf")
    assert piece_jointe(Modele.ATTESTATION_PROLONGATION, sans_id) == ()


@pytest.mark.parametrize(("delai", "texte"), [("P30D", "30 jours"), ("P45D", "45 jours"), ("P2M", "2 mois")])
def test_the_response_deadline_is_the_models(delai: str, texte: str) -> None:
    """A process owner who changes delais.reponseComplements changes what the applicant reads."""
    variables = {**VARIABLES, "delais": {**DELAIS, "reponseComplements": delai}}
    complements = rediger(Modele.DEMANDE_COMPLEMENTS, entree(variables)).contenu()
    assert f"dans un délai de {texte} après avoir pris connaissance" in (complements.avertissement or "")
    cloture = rediger(Modele.CLOTURE_INCOMPLET, entree(variables)).contenu()
    assert f"dans le délai de {texte} qui suivait" in " ".join(cloture.paragraphes)


def test_a_model_without_deadlines_is_a_modelling_error() -> None:
    sans_delais = {k: v for k, v in VARIABLES.items() if k != "delais"}
    with pytest.raises(VariablesManquantes, match="delais"):
        rediger(Modele.DEMANDE_COMPLEMENTS, entree(sans_delais)).contenu()


def test_each_document_is_asked_for_with_its_reason_its_files_and_the_round() -> None:
    variables = {
        **VARIABLES,
        "rondeComplements": 2,
        "piecesDemandees": [
            {"piece": "justificatif-nationalite", "motif": "perime", "observation": "Passeport expiré."},
            {"piece": "justificatif-domicile", "motif": "manquant"},
            {"piece": "decision-placement-ase", "motif": "incomplet"},
            {
                "piece": "photographie-identite",
                "motif": "autre",
                "precisionMotif": "Photo de plus de 6 mois.",
            },
        ],
    }
    examines = JustificatifsExamines(
        fichiers={"justificatif-nationalite": (FichierExamine(id="f-1", nom_fichier="234.PNG"),)},
        numero_ephoto="1234567890123456789012",
    )
    contenu = rediger(Modele.DEMANDE_COMPLEMENTS, entree(variables), examines).contenu()

    assert [p.phrase for p in contenu.pieces_demandees] == [
        "Les documents mentionnés ci-dessous ne sont plus en cours de validité :",
        "Les documents mentionnés ci-dessous sont manquants :",
        "Les documents mentionnés ci-dessous sont incomplets :",
        "Les documents mentionnés ci-dessous sont à reprendre (Photo de plus de 6 mois) :",
    ]
    nationalite, domicile, _, photo = contenu.pieces_demandees
    assert [(f.id, f.nom_fichier) for f in nationalite.fichiers] == [("f-1", "234.PNG")]
    assert domicile.fichiers == [] and domicile.numero_ephoto is None
    assert photo.numero_ephoto == "1234567890123456789012"
    assert (contenu.ronde, contenu.objet, contenu.delai_reponse) == (2, "Demande de compléments n° 2", "P30D")


def test_another_reason_must_say_which() -> None:
    with pytest.raises(ValueError, match="precisionMotif"):
        entree({**VARIABLES, "piecesDemandees": [{"piece": "justificatif-nationalite", "motif": "autre"}]})
