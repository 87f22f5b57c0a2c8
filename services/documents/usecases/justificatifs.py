"""The applicant's pieces before the deposit: attach, list, remove, download, e-photo, verification."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from contracts.documents import Evenement, PieceCode
from services.documents.domain.acces import Acteur
from services.documents.domain.catalogue import Situation
from services.documents.domain.contenu import FichierAnalyse
from services.documents.domain.ephoto import normaliser_numero_ephoto
from services.documents.domain.erreurs import Introuvable
from services.documents.domain.modeles import (
    FICHIER_INTROUVABLE,
    DossierDocuments,
    Fichier,
    verifier_nombre,
    verifier_suppression,
)
from services.documents.domain.pieces import CATALOGUE
from services.documents.domain.stockage import StockageFichiers
from services.documents.domain.verification import pieces_manquantes
from services.documents.storage.registre import Registre
from services.documents.storage.repository import SqlDocumentsRepository
from services.documents.usecases.commun import (
    FichierRecu,
    Proprietaire,
    analyser,
    dossier_lisible,
    dossier_pour_ecriture,
    maintenant,
    nouvel_id,
    verifier_piece_a_fichiers,
)

log = logging.getLogger(__name__)


@dataclass
class Justificatifs:
    registre: Registre
    stockage: StockageFichiers
    horloge: Callable[[], datetime] = maintenant

    async def joindre(
        self,
        *,
        acteur: Acteur,
        dossier_id: str,
        piece: PieceCode,
        fichiers: list[FichierRecu],
        proprietaire: Proprietaire,
    ) -> list[Fichier]:
        """Attach 1 to 3 files to a piece of a draft; sending the same file again changes nothing."""
        verifier_piece_a_fichiers(piece, len(fichiers))
        await self.registre(lambda repo: self._brouillon(repo, acteur, dossier_id, proprietaire, creer=False))
        analyses = await analyser(fichiers)
        for analyse in analyses:
            await self.stockage.enregistrer(analyse.sha256, analyse.contenu)
        joints = await self.registre(
            lambda repo: self._enregistrer(repo, acteur, dossier_id, piece, analyses, proprietaire)
        )
        await self._garantir_contenus(analyses)
        log.info(
            "justificatifs joints", extra={"dossier_id": dossier_id, "piece": piece, "fichiers": len(joints)}
        )
        return joints

    def _brouillon(
        self,
        repo: SqlDocumentsRepository,
        acteur: Acteur,
        dossier_id: str,
        proprietaire: Proprietaire,
        creer: bool = True,
    ) -> DossierDocuments | None:
        dossier = dossier_pour_ecriture(repo, acteur, dossier_id, proprietaire, self.horloge(), creer=creer)
        if dossier is not None:
            dossier.verifier_brouillon(acteur)
        return dossier

    def _enregistrer(
        self,
        repo: SqlDocumentsRepository,
        acteur: Acteur,
        dossier_id: str,
        piece: PieceCode,
        analyses: list[FichierAnalyse],
        proprietaire: Proprietaire,
    ) -> list[Fichier]:
        quand = self.horloge()
        self._brouillon(repo, acteur, dossier_id, proprietaire)
        deja = {f.sha256: f for f in repo.fichiers(dossier_id, piece) if f.courant}
        nouveaux = list({a.sha256: a for a in analyses if a.sha256 not in deja}.values())
        if nouveaux:
            verifier_nombre(len(deja), len(nouveaux))
        for analyse in nouveaux:
            deja[analyse.sha256] = fichier = nouveau_fichier(dossier_id, piece, analyse, 1, 0, quand)
            repo.ajouter_fichier(fichier)
        if nouveaux:
            ids = [deja[a.sha256].id for a in nouveaux]
            repo.publier(
                Evenement.DEPOSE, {"dossierId": dossier_id, "piece": piece, "fichierIds": ids, "version": 1}
            )
        return [deja[a.sha256] for a in analyses]

    async def _garantir_contenus(self, analyses: list[FichierAnalyse]) -> None:
        """A removal elsewhere may have forgotten a shared content just before our commit: write it again."""
        for analyse in analyses:
            if not await self.stockage.existe(analyse.sha256):
                await self.stockage.enregistrer(analyse.sha256, analyse.contenu)

    async def retirer(self, *, acteur: Acteur, dossier_id: str, fichier_id: str) -> None:
        """Remove a file from a draft; its content is forgotten when nothing else points at it."""

        def supprimer(repo: SqlDocumentsRepository) -> tuple[str, bool]:
            dossier = dossier_lisible(repo, acteur, dossier_id)
            dossier.verifier_brouillon(acteur)
            fichier = verifier_suppression(repo.fichier(dossier_id, fichier_id))
            repo.supprimer_fichier(fichier.id)
            payload = {"dossierId": dossier_id, "piece": fichier.piece, "fichierId": fichier.id}
            repo.publier(Evenement.SUPPRIME, payload)
            return fichier.sha256, repo.contenu_reference(fichier.sha256)

        sha256, encore_reference = await self.registre(supprimer)
        log.info("justificatif retiré", extra={"dossier_id": dossier_id, "fichier_id": fichier_id})
        if not encore_reference:
            await self.stockage.supprimer(sha256)

    async def consulter(self, *, acteur: Acteur, dossier_id: str) -> tuple[DossierDocuments, list[Fichier]]:
        return await self.registre(
            lambda repo: (dossier_lisible(repo, acteur, dossier_id), repo.fichiers(dossier_id))
        )

    async def ouvrir(
        self, *, acteur: Acteur, dossier_id: str, fichier_id: str
    ) -> tuple[Fichier, AsyncIterator[bytes]]:
        """The file and its content, for its owner, an agent of its préfecture or a service."""

        def trouver(repo: SqlDocumentsRepository) -> Fichier:
            dossier_lisible(repo, acteur, dossier_id)
            fichier = repo.fichier(dossier_id, fichier_id)
            if fichier is None:
                raise Introuvable(FICHIER_INTROUVABLE)
            return fichier

        fichier = await self.registre(trouver)
        return fichier, self.stockage.lire(fichier.sha256)

    async def definir_ephoto(
        self, *, acteur: Acteur, dossier_id: str, numero: str | None, proprietaire: Proprietaire
    ) -> str | None:
        """Set (or remove, with None) the e-photo number of a draft."""
        numero = normaliser_numero_ephoto(numero) if numero is not None else None

        def definir(repo: SqlDocumentsRepository) -> str | None:
            dossier = self._brouillon(repo, acteur, dossier_id, proprietaire)
            assert dossier is not None
            repo.enregistrer_dossier(replace(dossier, numero_ephoto=numero))
            return numero

        return await self.registre(definir)

    async def lire_ephoto(self, *, acteur: Acteur, dossier_id: str) -> str | None:
        return await self.registre(lambda repo: dossier_lisible(repo, acteur, dossier_id).numero_ephoto)

    async def verifier(
        self, *, acteur: Acteur, dossier_id: str, situation: Situation
    ) -> list[tuple[PieceCode, str]]:
        """The required pieces still missing, in the catalogue's order (all of them for an unknown dossier)."""

        def manquantes(repo: SqlDocumentsRepository) -> list[tuple[PieceCode, str]]:
            dossier = repo.dossier(dossier_id)
            if dossier is None:
                return [(p.code, p.libelle) for p in CATALOGUE.obligatoires(situation)]
            dossier.verifier_lecture(acteur)
            return pieces_manquantes(CATALOGUE, situation, dossier, repo.fichiers(dossier_id))

        return await self.registre(manquantes)


def nouveau_fichier(
    dossier_id: str, piece: PieceCode, analyse: FichierAnalyse, version: int, ronde: int, quand: datetime
) -> Fichier:
    return Fichier(
        id=nouvel_id(),
        dossier_id=dossier_id,
        piece=piece,
        nom_fichier=analyse.nom_fichier,
        type_media=analyse.format.type_media,
        taille=analyse.taille,
        sha256=analyse.sha256,
        version=version,
        ronde=ronde,
        depose_le=quand,
    )
