"""Complement rounds: the agent asks for pieces, the applicant maintains or updates each, then sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contracts.documents import PieceCode, code_piece, libelle_piece
from contracts.dossier import ReponseComplement, ReponsePieceComplement
from contracts.variables import PieceDemandee as PieceDemandeeParAgent
from services.dossier.domain.erreurs import DossierIntrouvable, ErreurChamp, EtatIncompatible, SaisieInvalide

_NOUVEAU_FICHIER = "Joignez le nouveau document avant d'envoyer votre réponse."
_NOUVEAU_DOCUMENT = {
    PieceCode.PHOTOGRAPHIE_IDENTITE.value: "Saisissez le nouveau numéro ephoto avant d'envoyer votre réponse."
}


@dataclass
class PieceDemandee:
    piece: str
    observation: str
    libelle: str | None = None
    reponse: ReponseComplement | None = None
    motif_demande: str | None = None  # why the agent asks (contracts.variables.MotifComplement)
    precision_motif: str | None = None
    motif: str | None = None
    message: str | None = None
    repondu_le: datetime | None = None


@dataclass
class RondeComplements:
    dossier_id: str
    numero: int
    ouverte_le: datetime
    pieces: list[PieceDemandee]
    envoyee_le: datetime | None = None
    origine: str | None = None  # the job that opened it

    @property
    def envoyee(self) -> bool:
        return self.envoyee_le is not None

    def piece(self, code: str) -> PieceDemandee:
        for piece in self.pieces:
            if piece.piece == code:
                return piece
        raise DossierIntrouvable()

    def repondre(self, code: str, reponse: ReponsePieceComplement, *, maintenant: datetime) -> None:
        """ "Maintenir le document" needs a reason; "Mettre à jour le document" an optional message."""
        self._exiger_ouverte()
        piece = self.piece(code)
        motif = (reponse.motif or "").strip() or None
        message = (reponse.message or "").strip() or None
        if reponse.reponse is ReponseComplement.MAINTENIR and not motif:
            raise SaisieInvalide(
                [ErreurChamp("motif", "Veuillez préciser les raisons du maintien du document.")]
            )
        piece.reponse = reponse.reponse
        piece.motif = motif if reponse.reponse is ReponseComplement.MAINTENIR else None
        piece.message = message if reponse.reponse is ReponseComplement.METTRE_A_JOUR else None
        piece.repondu_le = maintenant

    def pieces_a_mettre_a_jour(self) -> list[str]:
        return [p.piece for p in self.pieces if p.reponse is ReponseComplement.METTRE_A_JOUR]

    def verifier_envoi(self, pieces_remplacees: set[str]) -> None:
        """Every piece answered, and every updated one has a new file in this round."""
        erreurs = [
            ErreurChamp(f"pieces.{p.piece}.reponse", "Votre réponse est obligatoire.")
            for p in self.pieces
            if p.reponse is None
        ]
        erreurs += [
            ErreurChamp(f"pieces.{code}.fichiers", _NOUVEAU_DOCUMENT.get(code, _NOUVEAU_FICHIER))
            for code in self.pieces_a_mettre_a_jour()
            if code not in pieces_remplacees
        ]
        if erreurs:
            raise SaisieInvalide(erreurs, "Votre réponse à la demande de complément est incomplète.")

    def envoyer(self, *, maintenant: datetime) -> None:
        self._exiger_ouverte()
        self.envoyee_le = maintenant

    def _exiger_ouverte(self) -> None:
        if self.envoyee:
            raise EtatIncompatible("Vous avez déjà répondu à cette demande de complément.")


def pieces_de_la_demande(demandees: list[PieceDemandeeParAgent]) -> list[PieceDemandee]:
    """The pieces of a new round, from the `piecesDemandees` the agent's form set.

    The form carries only the piece's code: the label the applicant reads is the catalogue's
    (`contracts.documents.LIBELLES_PIECES`), whatever else the variable says. A form filled in
    before a piece was merged into another names the old code: the round asks for the new piece.
    """
    if not demandees:
        raise ValueError("Variable piecesDemandees : une liste non vide est attendue.")
    codes = [code_piece(p.piece) for p in demandees]
    if None in codes:
        raise ValueError("Variable piecesDemandees : pièce inconnue du catalogue.")
    pieces: dict[str, PieceDemandee] = {}
    for code, p in zip(codes, demandees, strict=True):
        if code is not None and code.value not in pieces:
            pieces[code.value] = PieceDemandee(
                code.value,
                p.observation,
                libelle_piece(code.value),
                motif_demande=p.motif.value,
                precision_motif=p.precision_motif,
            )
    return list(pieces.values())
