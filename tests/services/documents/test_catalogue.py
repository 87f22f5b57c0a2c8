"""The pieces each case requires, worded as the seed's step 3 and Annexe 1."""

from __future__ import annotations

import pytest

from contracts.documents import LIBELLES_PIECES, Cas, NaturePiece, PieceCode, code_piece, libelle_piece
from services.documents.domain.annexe import annexe
from services.documents.domain.catalogue import Situation
from services.documents.domain.pieces import CATALOGUE

pytestmark = pytest.mark.unit

COMMUNES = [
    PieceCode.PHOTOGRAPHIE_IDENTITE,
    PieceCode.JUSTIFICATIF_NATIONALITE,
    PieceCode.JUSTIFICATIF_DOMICILE,
    PieceCode.DECISION_PLACEMENT_ASE,
    PieceCode.JUSTIFICATIFS_ACTIVITE,
    PieceCode.LIENS_FAMILIAUX,
]


def codes(cas: Cas) -> list[PieceCode]:
    return [p.code for p in CATALOGUE.pour(Situation(cas))]


def obligatoires(cas: Cas) -> set[PieceCode]:
    return {p.code for p in CATALOGUE.obligatoires(Situation(cas))}


def test_le_mineur_non_emancipe_joint_l_accord_de_son_representant_legal() -> None:
    assert set(codes(Cas.MINEUR)) == {*COMMUNES, PieceCode.ACCORD_REPRESENTANT_LEGAL}
    assert PieceCode.ACCORD_REPRESENTANT_LEGAL in obligatoires(Cas.MINEUR)


def test_le_mineur_emancipe_joint_acte_de_naissance_et_emancipation() -> None:
    attendues = {PieceCode.JUSTIFICATIF_IDENTITE, PieceCode.JUSTIFICATIF_EMANCIPATION}
    assert set(codes(Cas.MINEUR_EMANCIPE)) == {*COMMUNES, *attendues}
    assert attendues | {PieceCode.JUSTIFICATIF_NATIONALITE} <= obligatoires(Cas.MINEUR_EMANCIPE)


def test_le_majeur_n_a_que_les_pieces_communes() -> None:
    assert set(codes(Cas.MAJEUR)) == set(COMMUNES)


@pytest.mark.parametrize("cas", [Cas.MINEUR, Cas.MAJEUR])
def test_la_nationalite_n_est_marquee_obligatoire_que_pour_le_mineur_emancipe(cas: Cas) -> None:
    assert PieceCode.JUSTIFICATIF_NATIONALITE not in obligatoires(cas)


@pytest.mark.parametrize("cas", list(Cas))
def test_photo_placement_activite_liens_et_domicile_sont_toujours_obligatoires(cas: Cas) -> None:
    assert {
        PieceCode.PHOTOGRAPHIE_IDENTITE,
        PieceCode.JUSTIFICATIF_DOMICILE,
        PieceCode.DECISION_PLACEMENT_ASE,
        PieceCode.JUSTIFICATIFS_ACTIVITE,
        PieceCode.LIENS_FAMILIAUX,
    } <= obligatoires(cas)
    assert PieceCode.INSERTION not in obligatoires(cas)


@pytest.mark.parametrize("cas", list(Cas))
def test_l_insertion_n_est_pas_demandee_a_l_etape_3(cas: Cas) -> None:
    """The guide shows it only in Annexe 1; an agent may still ask for it in a complement round."""
    assert PieceCode.INSERTION not in codes(cas)
    assert CATALOGUE.definition(PieceCode.INSERTION).libelle == "Insertion dans la société française"


@pytest.mark.parametrize("cas", list(Cas))
def test_un_seul_justificatif_de_domicile_avec_les_trois_listes_du_guide(cas: Cas) -> None:
    (domicile,) = [p for p in CATALOGUE.pour(Situation(cas)) if p.rubrique == "DOMICILIATION"]
    assert domicile.code is PieceCode.JUSTIFICATIF_DOMICILE and domicile.obligatoire
    assert domicile.libelle == "Justificatif de domicile datant de moins de 6 mois"
    assert domicile.aide == ["Veuillez joindre un des justificatifs de domicile suivants :"]
    assert domicile.elements == [
        "Une facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
        "ou une copie du bail de location ;",
        "ou une copie d'une quittance de loyer ou de taxe d'habitation.",
    ]
    hotel, particulier = domicile.autres_listes
    assert hotel.titre == "Si hébergement à l'hôtel :"
    assert hotel.aide == ["Veuillez joindre un des justificatifs de domicile suivants :"]
    assert hotel.elements == ["Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois."]
    assert particulier.titre == "Si hébergement chez un particulier :"
    assert particulier.elements == [
        "Une attestation de l'hébergeant datée et signée ;",
        "Une copie de sa Carte Nationale d'Identité ou de sa carte de séjour ;",
        "Un justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte d'identité n'est "
        "plus à jour.",
    ]


def test_les_codes_retires_se_lisent_comme_le_justificatif_de_domicile() -> None:
    for ancien in ["justificatif-domicile-hotel", "justificatif-domicile-particulier"]:
        assert PieceCode(ancien) is PieceCode.JUSTIFICATIF_DOMICILE
        assert code_piece(ancien) is PieceCode.JUSTIFICATIF_DOMICILE
        assert libelle_piece(ancien) == "Justificatif de domicile datant de moins de 6 mois"
    assert code_piece("inconnue") is None
    assert {p.value for p in PieceCode} >= {"justificatif-domicile", "insertion"}
    assert "justificatif-domicile-hotel" not in {p.value for p in PieceCode}


def test_les_libelles_et_aides_sont_ceux_du_guide() -> None:
    pieces = {p.code: p for p in CATALOGUE.pour(Situation(Cas.MINEUR_EMANCIPE))}
    assert pieces[PieceCode.JUSTIFICATIF_EMANCIPATION].libelle == "Justificatif d'émancipation"
    assert pieces[PieceCode.JUSTIFICATIF_EMANCIPATION].elements == [
        "Décision du juge des tutelles ou un acte de mariage"
    ]
    assert pieces[PieceCode.JUSTIFICATIF_NATIONALITE].elements == [
        "Passeport ;",
        "ou carte nationale d'identité ;",
        "ou certificat de nationalité de moins de 6 mois.",
    ]
    assert pieces[PieceCode.DECISION_PLACEMENT_ASE].libelle == (
        "Décision de placement par l'autorité judiciaire au service de l'Aide Sociale à l'Enfance (ASE)"
    )
    assert pieces[PieceCode.PHOTOGRAPHIE_IDENTITE].nature is NaturePiece.NUMERO_EPHOTO
    assert all(p.fichiers_max == 3 for p in pieces.values())


def test_l_annexe_1_est_celle_du_guide_la_meme_pour_tous() -> None:
    liste = annexe()
    assert liste.titre == (
        "DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER CONFIE(E) À L'AIDE SOCIALE À "
        "L'ENFANCE (ASE)"
    )
    assert liste.sous_titre == "Liste des documents justificatifs à fournir"
    assert [s.titre for s in liste.sections] == ["INFORMATIONS PERSONNELLES", "DOMICILE", "MOTIF DE SÉJOUR"]
    assert [s.nouvelle_page for s in liste.sections] == [False, False, True]  # the guide's page 2
    personnelles = [p.titre for p in liste.sections[0].pieces]
    assert personnelles == ["Justificatif de nationalité", "Photographie d'identité récente - Numéro EPhoto"]
    assert liste.sections[0].pieces[0].elements[1] == "ou attestation consulaire ;"
    assert "ne pas dépasser 10Mo par fichier." in liste.introduction[1]
    domicile = [p.titre for p in liste.sections[1].pieces]
    assert domicile == [
        "Justificatif de domicile datant de moins de 6 mois :",
        "Si hébergement à l'hôtel :",
        "Si hébergement chez un particulier :",
    ]
    motif = liste.sections[2].pieces
    assert motif[-1].titre == "Insertion dans la société française"
    assert motif[-1].aide == [
        "Veuillez joindre une attestation de la structure d'accueil (foyer ou famille d'accueil)"
    ]
    liste.sections.clear()
    assert annexe().sections  # each caller gets its own copy


def test_les_libelles_du_contrat_sont_ceux_du_catalogue() -> None:
    """One source of truth: the dossier and the notifier show the labels of `contracts.documents`."""
    assert set(LIBELLES_PIECES) == set(PieceCode)
    for cas in Cas:
        for piece in CATALOGUE.pour(Situation(cas)):
            assert piece.libelle == LIBELLES_PIECES[piece.code]
    assert libelle_piece("justificatif-nationalite") == "Justificatif de nationalité"
    assert libelle_piece("inconnue") == "inconnue"
