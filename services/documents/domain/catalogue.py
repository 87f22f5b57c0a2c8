"""The pieces of step 3 « Je joins mes documents justificatifs », worded exactly as the seed.

Which piece is shown and required depends on the case only (parental consent for a minor, birth
certificate and emancipation proof for an emancipated minor): the guide asks no other question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from contracts.documents import LIBELLES_PIECES, Cas, ListeAide, NaturePiece, PieceCatalogue, PieceCode

ETAT_CIVIL = "ÉTAT CIVIL"
DOMICILIATION = "DOMICILIATION"
MOTIF_DE_SEJOUR = "MOTIF DE SÉJOUR"


INTRODUCTION = (
    "Vous devrez fournir sous forme numérique (.jpg, .pdf, .png, .tiff, .bmp) tous les documents "
    "justificatifs demandés en vous assurant de leur lisibilité, et ne pas dépasser une taille maximale "
    "de 10 Mo par fichier. Vous avez la possibilité de joindre 3 fichiers maximum par document. Si les "
    "documents ne sont pas en français il est préférable de joindre une traduction, consulter la liste "
    "des traducteurs agréés."
)


@dataclass(frozen=True)
class Situation:
    """The dossier's answers that make pieces required."""

    cas: Cas


Regle = Callable[[Situation], bool]


def toujours(_: Situation) -> bool:
    return True


def jamais(_: Situation) -> bool:
    return False


def pour_cas(*cas: Cas) -> Regle:
    return lambda situation: situation.cas in cas


@dataclass(frozen=True)
class DefinitionPiece:
    code: PieceCode
    rubrique: str
    obligatoire: Regle = toujours
    condition: str | None = None
    proposee: Regle = toujours  # shown to the applicant at step 3 in this case at all
    aide: tuple[str, ...] = ()
    elements: tuple[str, ...] = ()
    autres_listes: tuple[ListeAide, ...] = ()
    nature: NaturePiece = NaturePiece.FICHIERS

    @property
    def libelle(self) -> str:
        return LIBELLES_PIECES[self.code]

    def pour(self, situation: Situation) -> PieceCatalogue:
        return PieceCatalogue(
            code=self.code,
            libelle=self.libelle,
            rubrique=self.rubrique,
            aide=list(self.aide),
            elements=list(self.elements),
            autres_listes=list(self.autres_listes),
            obligatoire=self.obligatoire(situation),
            condition=self.condition,
            nature=self.nature,
        )


@dataclass(frozen=True)
class Catalogue:
    pieces: tuple[DefinitionPiece, ...] = field(default_factory=tuple)

    def pour(self, situation: Situation) -> list[PieceCatalogue]:
        """The pieces shown at step 3 in this case, each marked required or not."""
        return [p.pour(situation) for p in self.pieces if p.proposee(situation)]

    def obligatoires(self, situation: Situation) -> list[DefinitionPiece]:
        return [p for p in self.pieces if p.proposee(situation) and p.obligatoire(situation)]

    def definition(self, code: PieceCode) -> DefinitionPiece:
        return next(p for p in self.pieces if p.code == code)
