"""The pieces each case requires, worded as the seed's step 3 and Annexe 1."""

from __future__ import annotations

import pytest

from contracts.documents import LIBELLES_PIECES, Cas, Hebergement, NaturePiece, PieceCode, libelle_piece
from services.documents.domain.annexe import annexe_pour
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
    PieceCode.INSERTION,
]


def codes(cas: Cas, hebergement: Hebergement = Hebergement.PERSONNEL) -> list[PieceCode]:
    return [p.code for p in CATALOGUE.pour(Situation(cas, hebergement))]


def obligatoires(cas: Cas, hebergement: Hebergement = Hebergement.PERSONNEL) -> set[PieceCode]:
    return {p.code for p in CATALOGUE.obligatoires(Situation(cas, hebergement))}


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


@pytest.mark.parametrize(
    ("hebergement", "piece"),
    [
        (Hebergement.HOTEL, PieceCode.JUSTIFICATIF_DOMICILE_HOTEL),
        (Hebergement.PARTICULIER, PieceCode.JUSTIFICATIF_DOMICILE_PARTICULIER),
    ],
)
def test_l_hebergement_choisit_le_justificatif_de_domicile(
    hebergement: Hebergement, piece: PieceCode
) -> None:
    assert piece in obligatoires(Cas.MAJEUR, hebergement)
    assert PieceCode.JUSTIFICATIF_DOMICILE not in codes(Cas.MAJEUR, hebergement)


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


def test_la_variante_hotel_reprend_le_texte_du_guide() -> None:
    (hotel,) = [p for p in CATALOGUE.pour(Situation(Cas.MAJEUR, Hebergement.HOTEL)) if p.variante]
    assert hotel.libelle == "Justificatif de domicile datant de moins de 6 mois"
    assert hotel.variante == "Si hébergement à l'hôtel :"
    assert hotel.elements == ["Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois."]


def test_l_annexe_1_liste_les_pieces_du_cas() -> None:
    annexe = annexe_pour(Cas.MINEUR)
    assert annexe.titre.startswith("DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE")
    assert annexe.sous_titre == "Liste des documents justificatifs à fournir"
    assert [s.titre for s in annexe.sections] == ["INFORMATIONS PERSONNELLES", "DOMICILE", "MOTIF DE SÉJOUR"]
    personnelles = [p.titre for p in annexe.sections[0].pieces]
    assert personnelles == [
        "Justificatif de nationalité",
        "Photographie d'identité récente - Numéro EPhoto",
        "Accord du parent/représentant légal ou du mandataire",
    ]
    assert annexe.sections[0].pieces[0].elements[1] == "ou attestation consulaire ;"
    assert "ne pas dépasser 10Mo par fichier." in annexe.introduction[1]
    assert [p.titre for p in annexe_pour(Cas.MAJEUR).sections[0].pieces][2:] == []
    domicile = [p.titre for p in annexe.sections[1].pieces]
    assert domicile[1:] == ["Si hébergement à l'hôtel :", "Si hébergement chez un particulier :"]


def test_les_libelles_du_contrat_sont_ceux_du_catalogue() -> None:
    """One source of truth: the dossier and the notifier show the labels of `contracts.documents`."""
    assert set(LIBELLES_PIECES) == set(PieceCode)
    for cas in Cas:
        for hebergement in Hebergement:
            for piece in CATALOGUE.pour(Situation(cas, hebergement)):
                assert piece.libelle == LIBELLES_PIECES[piece.code]
    assert libelle_piece("justificatif-nationalite") == "Justificatif de nationalité"
    assert libelle_piece("inconnue") == "inconnue"
