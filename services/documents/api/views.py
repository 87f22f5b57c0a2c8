"""Domain objects to the contract's models, as the API returns them."""

from __future__ import annotations

from contracts.documents import DocumentGenere, FichierPiece, NaturePiece, PieceDossier, PiecesDossier
from services.documents.domain.generes import DocumentGenereEnregistre
from services.documents.domain.modeles import DossierDocuments, Fichier
from services.documents.domain.pieces import CATALOGUE


def vue_fichier(fichier: Fichier) -> FichierPiece:
    return FichierPiece.model_validate(fichier, from_attributes=True)


def vue_pieces(dossier: DossierDocuments, fichiers: list[Fichier]) -> PiecesDossier:
    """Every piece of the catalogue that has files, in the catalogue's order."""
    pieces = []
    for definition in CATALOGUE.pieces:
        siens = [f for f in fichiers if f.piece == definition.code]
        if definition.nature is NaturePiece.FICHIERS and siens:
            pieces.append(
                PieceDossier(
                    code=definition.code,
                    libelle=definition.libelle,
                    fichiers=[vue_fichier(f) for f in siens if f.courant],
                    anciennes_versions=[vue_fichier(f) for f in siens if not f.courant],
                )
            )
    return PiecesDossier(
        dossier_id=dossier.dossier_id,
        scelle=dossier.depose,
        ronde_complements=dossier.ronde_ouverte,
        numero_ephoto=dossier.numero_ephoto,
        ephoto_ronde=dossier.ephoto_ronde,
        pieces=pieces,
    )


def vue_document_genere(document: DocumentGenereEnregistre) -> DocumentGenere:
    return DocumentGenere.model_validate(document, from_attributes=True)
