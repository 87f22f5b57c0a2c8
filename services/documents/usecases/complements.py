"""Complement rounds: a requested piece gets a new version; the old one is kept, marked superseded."""

from __future__ import annotations

import logging
from datetime import datetime

from contracts.documents import Evenement, PieceCode
from plumbing.actors import Actor
from services.documents.domain.acces import verifier_service
from services.documents.domain.contenu import FichierAnalyse
from services.documents.domain.erreurs import Conflit
from services.documents.domain.modeles import Fichier, prochaine_version, verifier_piece_a_fichiers
from services.documents.domain.ports import DocumentsRepository
from services.documents.usecases.contenus import DocumentsUseCase, FichierRecu
from services.documents.usecases.dossiers import dossier_lisible

log = logging.getLogger(__name__)


def ronde_terminee(ronde: int) -> Conflit:
    return Conflit(f"La demande de complément n° {ronde} n'est plus en cours.")


class Complements(DocumentsUseCase):
    async def ouvrir_ronde(
        self, *, acteur: Actor, dossier_id: str, ronde: int, pieces: list[PieceCode]
    ) -> None:
        """Let the listed pieces (all when empty) get a new version until the next sealing.

        The process opens the round when the agent asks for complements; it may do so more than once.
        """
        verifier_service(acteur)

        def ouvrir(repo: DocumentsRepository) -> None:
            dossier = dossier_lisible(repo, acteur, dossier_id)
            ouvert = dossier.ouvrir_ronde(ronde, tuple(pieces))
            if ouvert != dossier:
                repo.enregistrer_dossier(ouvert)

        await self.transactions.run_async(ouvrir)

    async def remplacer(
        self,
        *,
        acteur: Actor,
        dossier_id: str,
        piece: PieceCode,
        fichiers: list[FichierRecu],
        ronde: int | None = None,
    ) -> list[Fichier]:
        """« Mettre à jour le document »: the files become the piece's new version; sending it twice is harmless.

        `ronde`, when given, is the round the applicant answers: an answer to a round closed
        meanwhile is refused rather than counted in the next one.
        """
        verifier_piece_a_fichiers(piece, len(fichiers))

        def ronde_ouverte(repo: DocumentsRepository, verrou: bool = False) -> int:
            dossier = dossier_lisible(repo, acteur, dossier_id, verrou=verrou)
            ouverte = dossier.verifier_complement(acteur, piece)
            if ronde is not None and ronde != ouverte:
                raise ronde_terminee(ronde)
            return ouverte

        def enregistrer(repo: DocumentsRepository, analyses: list[FichierAnalyse]) -> list[Fichier]:
            ouverte = ronde_ouverte(repo, verrou=True)
            return _nouvelle_version(repo, dossier_id, piece, ouverte, analyses, self.clock.now())

        nouveaux = await self.joindre_contenus(fichiers, ronde_ouverte, enregistrer)
        log.info("nouvelle version d'un justificatif", extra={"dossier_id": dossier_id, "piece": piece})
        return nouveaux


def _nouvelle_version(
    repo: DocumentsRepository,
    dossier_id: str,
    piece: PieceCode,
    ronde: int,
    analyses: list[FichierAnalyse],
    quand: datetime,
) -> list[Fichier]:
    tous = repo.fichiers(dossier_id, piece)
    courants = [f for f in tous if f.courant]
    empreintes = sorted({a.sha256 for a in analyses})
    if (
        courants
        and all(f.ronde == ronde for f in courants)
        and sorted(f.sha256 for f in courants) == empreintes
    ):
        return courants  # the same answer sent again
    version = prochaine_version(tous)
    repo.marquer_remplaces([f.id for f in courants], quand)
    uniques = {a.sha256: a for a in analyses}.values()
    nouveaux = [Fichier.recu(dossier_id, piece, a, version, ronde, quand) for a in uniques]
    for fichier in nouveaux:
        repo.ajouter_fichier(fichier)
    repo.publier(
        Evenement.REMPLACE,
        {
            "dossierId": dossier_id,
            "piece": piece,
            "ronde": ronde,
            "version": version,
            "fichierIds": [f.id for f in nouveaux],
            "remplaces": [f.id for f in courants],
        },
    )
    return nouveaux
