"""A dossier's documents and the rules of their life: draft, sealed at deposit, versions in complements."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, replace
from datetime import datetime

from contracts.documents import FICHIERS_MAX_PAR_PIECE, NaturePiece, PieceCode, StatutFichier
from plumbing.actors import Actor
from services.documents.domain.acces import verifier_ecriture
from services.documents.domain.contenu import FichierAnalyse
from services.documents.domain.erreurs import Conflit, Introuvable, Invalide
from services.documents.domain.pieces import CATALOGUE

DEMANDE_DEPOSEE = "Votre demande a été déposée : ses justificatifs ne peuvent plus être modifiés."
TROP_DE_FICHIERS = "Vous avez la possibilité de joindre 3 fichiers maximum par document."
AUCUN_FICHIER = "Veuillez joindre au moins un fichier."
PAS_DE_COMPLEMENT = "Aucune demande de complément n'est en cours pour ce dossier."
PIECE_NON_DEMANDEE = "Ce justificatif ne fait pas partie de la demande de complément en cours."
FICHIER_INTROUVABLE = "Fichier introuvable."
FICHIER_FIGE = "Ce fichier a été transmis à l'administration : il ne peut plus être supprimé."
PHOTO_PAR_NUMERO = "La photographie d'identité se renseigne par son numéro ephoto, pas par un fichier."


@dataclass(frozen=True)
class Fichier:
    id: str
    dossier_id: str
    piece: PieceCode
    nom_fichier: str
    type_media: str
    taille: int
    sha256: str
    version: int
    ronde: int
    depose_le: datetime
    scelle_le: datetime | None = None
    remplace_le: datetime | None = None

    @property
    def statut(self) -> StatutFichier:
        if self.remplace_le is not None:
            return StatutFichier.REMPLACE
        return StatutFichier.SCELLE if self.scelle_le is not None else StatutFichier.BROUILLON

    @property
    def courant(self) -> bool:
        return self.remplace_le is None

    @classmethod
    def recu(
        cls,
        dossier_id: str,
        piece: PieceCode,
        analyse: FichierAnalyse,
        version: int,
        ronde: int,
        quand: datetime,
    ) -> Fichier:
        """A checked file kept as a new file of `piece`."""
        return cls(
            id=nouvel_id(),
            dossier_id=dossier_id,
            piece=piece,
            version=version,
            ronde=ronde,
            depose_le=quand,
            **analyse.description(),
        )


@dataclass(frozen=True)
class DossierDocuments:
    """What this service knows of a dossier: its owner and préfecture, given with its first document."""

    dossier_id: str
    demandeur_id: str
    prefecture: str | None
    cree_le: datetime
    scelle_le: datetime | None = None
    ronde_ouverte: int | None = None
    pieces_ronde: tuple[PieceCode, ...] = ()
    rondes_closes: int = 0  # the last complement round closed by a sealing
    numero_ephoto: str | None = None
    ephoto_ronde: int | None = None  # the complement round whose answer changed the e-photo number

    @property
    def depose(self) -> bool:
        return self.scelle_le is not None

    def verifier_brouillon(self, acteur: Actor) -> None:
        """Files and the e-photo number change freely until the deposit, then never outside complements."""
        verifier_ecriture(acteur, self)
        if self.depose:
            raise Conflit(DEMANDE_DEPOSEE)

    def verifier_complement(self, acteur: Actor, piece: PieceCode) -> int:
        """The open complement round in which `piece` may get a new version."""
        verifier_ecriture(acteur, self)
        if self.ronde_ouverte is None:
            raise Conflit(PAS_DE_COMPLEMENT)
        if self.pieces_ronde and piece not in self.pieces_ronde:
            raise Conflit(PIECE_NON_DEMANDEE)
        return self.ronde_ouverte

    def verifier_retrait(self, acteur: Actor, fichier: Fichier) -> None:
        """A draft's file, or one sent in the open complement round (until « Valider et envoyer »
        closes it): the applicant may take it back."""
        if not self.depose:
            self.verifier_brouillon(acteur)
            return
        verifier_ecriture(acteur, self)
        if self.ronde_ouverte is None or fichier.ronde != self.ronde_ouverte:
            raise Conflit(DEMANDE_DEPOSEE)

    def changer_ephoto(self, acteur: Actor, numero: str) -> DossierDocuments:
        """« Mettre à jour le Document » of the e-photo in the open round: a new 22-digit number."""
        ronde = self.verifier_complement(acteur, PieceCode.PHOTOGRAPHIE_IDENTITE)
        return replace(self, numero_ephoto=numero, ephoto_ronde=ronde)

    def ouvrir_ronde(self, ronde: int, pieces: tuple[PieceCode, ...]) -> DossierDocuments:
        """Open round `ronde`; a late repeat of a round already closed changes nothing."""
        if not self.depose:
            raise Conflit(
                "Le dossier n'a pas encore été déposé : aucune demande de complément n'est possible."
            )
        if ronde <= self.rondes_closes:
            return self
        return replace(self, ronde_ouverte=ronde, pieces_ronde=pieces)

    def sceller(self, quand: datetime, prefecture: str | None) -> DossierDocuments:
        """Freeze at deposit, or at the end of a complement round; closes the round."""
        return replace(
            self,
            scelle_le=self.scelle_le or quand,
            prefecture=prefecture or self.prefecture,
            ronde_ouverte=None,
            pieces_ronde=(),
            rondes_closes=max(self.rondes_closes, self.ronde_ouverte or 0),
        )


def verifier_piece_a_fichiers(piece: PieceCode, nombre: int) -> None:
    """Refuse at once what no content could make acceptable (before any file is decoded)."""
    if CATALOGUE.definition(piece).nature is not NaturePiece.FICHIERS:
        raise Invalide(PHOTO_PAR_NUMERO)
    verifier_nombre(0, nombre)


def verifier_nombre(courants: int, nouveaux: int) -> None:
    if nouveaux == 0:
        raise Invalide(AUCUN_FICHIER)
    if courants + nouveaux > FICHIERS_MAX_PAR_PIECE:
        raise Conflit(TROP_DE_FICHIERS) if courants else Invalide(TROP_DE_FICHIERS)


def verifier_suppression(fichier: Fichier | None) -> Fichier:
    if fichier is None or not fichier.courant:
        raise Introuvable(FICHIER_INTROUVABLE)
    if fichier.scelle_le is not None:
        raise Conflit(FICHIER_FIGE)
    return fichier


def prochaine_version(fichiers: list[Fichier]) -> int:
    return max((f.version for f in fichiers), default=0) + 1


def nouvel_id() -> str:
    """32 hex digits that sort in creation order (files are listed in the order they were sent)."""
    return f"{time.time_ns():016x}{secrets.token_hex(8)}"
