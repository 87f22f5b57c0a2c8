"""Complement rounds: a requested piece gets a new version; the old one is kept, marked superseded."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from contracts.documents import Evenement, PieceCode
from services.documents.domain.acces import Acteur, verifier_service
from services.documents.domain.contenu import FichierAnalyse
from services.documents.domain.erreurs import Conflit
from services.documents.domain.modeles import Fichier, prochaine_version
from services.documents.domain.stockage import StockageFichiers
from services.documents.storage.registre import Registre
from services.documents.storage.repository import SqlDocumentsRepository
from services.documents.usecases.commun import (
    FichierRecu,
    analyser,
    dossier_lisible,
    maintenant,
    verifier_piece_a_fichiers,
)
from services.documents.usecases.justificatifs import nouveau_fichier

log = logging.getLogger(__name__)


def ronde_terminee(ronde: int) -> Conflit:
    return Conflit(f"La demande de complément n° {ronde} n'est plus en cours.")


@dataclass
class Complements:
    registre: Registre
    stockage: StockageFichiers
    horloge: Callable[[], datetime] = maintenant

    async def ouvrir_ronde(
        self, *, acteur: Acteur, dossier_id: str, ronde: int, pieces: list[PieceCode]
    ) -> None:
        """Let the listed pieces (all when empty) get a new version until the next sealing."""
        verifier_service(acteur)

        def ouvrir(repo: SqlDocumentsRepository) -> None:
            dossier = dossier_lisible(repo, acteur, dossier_id)
            ouvert = dossier.ouvrir_ronde(ronde, tuple(pieces))
            if ouvert != dossier:
                repo.enregistrer_dossier(ouvert)

        await self.registre(ouvrir)

    async def remplacer(
        self,
        *,
        acteur: Acteur,
        dossier_id: str,
        piece: PieceCode,
        fichiers: list[FichierRecu],
        ronde: int | None = None,
    ) -> list[Fichier]:
        """« Mettre à jour le document »: the files become the piece's new version; sending it twice is harmless."""
        verifier_piece_a_fichiers(piece, len(fichiers))
        await self.registre(lambda repo: self._ronde(repo, acteur, dossier_id, piece, ronde))
        analyses = await analyser(fichiers)
        for analyse in analyses:
            await self.stockage.enregistrer(analyse.sha256, analyse.contenu)
        nouveaux = await self.registre(
            lambda repo: self._nouvelle_version(repo, acteur, dossier_id, piece, ronde, analyses)
        )
        log.info("nouvelle version d'un justificatif", extra={"dossier_id": dossier_id, "piece": piece})
        return nouveaux

    def _ronde(
        self,
        repo: SqlDocumentsRepository,
        acteur: Acteur,
        dossier_id: str,
        piece: PieceCode,
        ronde: int | None,
    ) -> int:
        ouverte = dossier_lisible(repo, acteur, dossier_id).verifier_complement(acteur, piece)
        if ronde is not None and ronde != ouverte:
            raise ronde_terminee(ronde)
        return ouverte

    def _nouvelle_version(
        self,
        repo: SqlDocumentsRepository,
        acteur: Acteur,
        dossier_id: str,
        piece: PieceCode,
        ronde: int | None,
        analyses: list[FichierAnalyse],
    ) -> list[Fichier]:
        repo.dossier(dossier_id, verrou=True)
        ouverte = self._ronde(repo, acteur, dossier_id, piece, ronde)
        tous = repo.fichiers(dossier_id, piece)
        courants = [f for f in tous if f.courant]
        empreintes = sorted({a.sha256 for a in analyses})
        if (
            courants
            and all(f.ronde == ouverte for f in courants)
            and sorted(f.sha256 for f in courants) == empreintes
        ):
            return courants  # the same answer sent again
        quand, version = self.horloge(), prochaine_version(tous)
        repo.marquer_remplaces([f.id for f in courants], quand)
        uniques = {a.sha256: a for a in analyses}.values()
        nouveaux = [nouveau_fichier(dossier_id, piece, a, version, ouverte, quand) for a in uniques]
        for fichier in nouveaux:
            repo.ajouter_fichier(fichier)
        repo.publier(
            Evenement.REMPLACE,
            {
                "dossierId": dossier_id,
                "piece": piece,
                "ronde": ouverte,
                "version": version,
                "fichierIds": [f.id for f in nouveaux],
                "remplaces": [f.id for f in courants],
            },
        )
        return nouveaux
