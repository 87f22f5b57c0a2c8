"""Which required pieces a dossier still lacks before its deposit."""

from __future__ import annotations

from contracts.documents import NaturePiece, PieceCode
from services.documents.domain.catalogue import Catalogue, Situation
from services.documents.domain.modeles import DossierDocuments, Fichier


def pieces_manquantes(
    catalogue: Catalogue, situation: Situation, dossier: DossierDocuments, fichiers: list[Fichier]
) -> list[tuple[PieceCode, str]]:
    fournies = {f.piece for f in fichiers if f.courant}
    manquantes = []
    for piece in catalogue.obligatoires(situation):
        if piece.nature is NaturePiece.NUMERO_EPHOTO:
            present = dossier.numero_ephoto is not None
        else:
            present = piece.code in fournies
        if not present:
            manquantes.append((piece.code, piece.libelle))
    return manquantes
