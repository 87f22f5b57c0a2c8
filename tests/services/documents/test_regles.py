"""The e-photo number, who may read or change a dossier's documents, and the 3-file limit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.documents import PieceCode, StatutFichier
from plumbing.actors import Actor
from services.documents.domain.acces import departement, peut_lire
from services.documents.domain.ephoto import normaliser_numero_ephoto
from services.documents.domain.erreurs import Conflit, Interdit, Introuvable, Invalide
from services.documents.domain.modeles import DossierDocuments, Fichier, verifier_nombre, verifier_suppression

pytestmark = pytest.mark.unit

T0 = datetime(2026, 3, 2, tzinfo=UTC)
DEMANDEUR = Actor("demandeur", "d-1")
AUTRE = Actor("demandeur", "d-2")
AGENT_59 = Actor("agent", "a-1", prefectures=frozenset({"59"}))
AGENT_62 = Actor("agent", "a-2", prefectures=frozenset({"62"}))
SERVICE = Actor("service", "dossier")


def dossier(**changements: object) -> DossierDocuments:
    base = DossierDocuments("dos-1", "d-1", "59", cree_le=T0)
    return DossierDocuments(**{**base.__dict__, **changements})  # type: ignore[arg-type]


def test_le_numero_ephoto_a_22_chiffres() -> None:
    assert normaliser_numero_ephoto("1234 5678 9012 3456 7890 12") == "1234567890123456789012"
    for saisie in ["123", "12345678901234567890123", "123456789012345678901A", ""]:
        with pytest.raises(Invalide, match="22 chiffres"):
            normaliser_numero_ephoto(saisie)


def test_prefecture_depuis_le_groupe_candidat_du_processus() -> None:
    assert departement("prefecture-59") == "59"
    assert departement("59") == "59"
    assert departement(" ") is None


def test_qui_peut_lire() -> None:
    def lit(acteur: Actor, depose: bool = True) -> bool:
        return peut_lire(acteur, dossier(scelle_le=T0 if depose else None))

    assert lit(DEMANDEUR, depose=False) and lit(SERVICE, depose=False)
    assert not lit(AUTRE)
    assert lit(AGENT_59) and not lit(AGENT_62)
    assert not lit(AGENT_59, depose=False)  # a draft is the applicant's alone


def test_un_brouillon_se_modifie_par_son_demandeur_seulement() -> None:
    dossier().verifier_brouillon(DEMANDEUR)
    with pytest.raises(Introuvable):
        dossier().verifier_brouillon(AUTRE)
    with pytest.raises(Conflit, match="a été déposée"):
        dossier(scelle_le=T0).verifier_brouillon(DEMANDEUR)
    with pytest.raises(Interdit):
        dossier(scelle_le=T0).verifier_brouillon(AGENT_59)


def test_une_piece_ne_change_en_complement_que_si_elle_est_demandee() -> None:
    ouvert = dossier(scelle_le=T0).ouvrir_ronde(1, (PieceCode.JUSTIFICATIF_NATIONALITE,))
    assert ouvert.verifier_complement(DEMANDEUR, PieceCode.JUSTIFICATIF_NATIONALITE) == 1
    with pytest.raises(Conflit, match="ne fait pas partie"):
        ouvert.verifier_complement(DEMANDEUR, PieceCode.LIENS_FAMILIAUX)
    with pytest.raises(Conflit, match="Aucune demande de complément"):
        dossier(scelle_le=T0).verifier_complement(DEMANDEUR, PieceCode.LIENS_FAMILIAUX)
    with pytest.raises(Conflit):
        dossier().ouvrir_ronde(1, ())


def test_trois_fichiers_au_plus_par_piece() -> None:
    verifier_nombre(0, 3)
    verifier_nombre(2, 1)
    with pytest.raises(Invalide, match="3 fichiers maximum"):
        verifier_nombre(0, 4)
    with pytest.raises(Conflit, match="3 fichiers maximum"):
        verifier_nombre(2, 2)
    with pytest.raises(Invalide, match="au moins un fichier"):
        verifier_nombre(1, 0)


def test_un_fichier_scelle_ne_se_supprime_pas() -> None:
    fichier = Fichier(
        "f", "dos-1", PieceCode.LIENS_FAMILIAUX, "a.pdf", "application/pdf", 1, "0" * 64, 1, 0, T0
    )
    assert verifier_suppression(fichier).statut is StatutFichier.BROUILLON
    with pytest.raises(Conflit):
        verifier_suppression(Fichier(**{**fichier.__dict__, "scelle_le": T0}))
    with pytest.raises(Introuvable):
        verifier_suppression(None)
