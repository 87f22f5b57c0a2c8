"""The applicant's pieces before the deposit: attach, list, remove, download, e-photo, verification."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime

from contracts.documents import Evenement, PieceCode
from plumbing.actors import Actor
from services.documents.domain.acces import verifier_lecture
from services.documents.domain.catalogue import Situation
from services.documents.domain.contenu import FichierAnalyse
from services.documents.domain.ephoto import MESSAGE_EPHOTO, normaliser_numero_ephoto
from services.documents.domain.erreurs import Invalide
from services.documents.domain.modeles import (
    FICHIER_INTROUVABLE,
    DossierDocuments,
    Fichier,
    verifier_nombre,
    verifier_piece_a_fichiers,
    verifier_suppression,
)
from services.documents.domain.pieces import CATALOGUE
from services.documents.domain.ports import DocumentsRepository
from services.documents.domain.verification import pieces_manquantes
from services.documents.usecases.contenus import DocumentsUseCase, FichierRecu
from services.documents.usecases.dossiers import Proprietaire, dossier_lisible, dossier_pour_ecriture

log = logging.getLogger(__name__)


class Justificatifs(DocumentsUseCase):
    async def joindre(
        self,
        *,
        acteur: Actor,
        dossier_id: str,
        piece: PieceCode,
        fichiers: list[FichierRecu],
        proprietaire: Proprietaire,
    ) -> list[Fichier]:
        """Attach 1 to 3 files to a piece of a draft; sending the same file again changes nothing.

        The dossier's first document registers it, with its owner and préfecture: the documents
        service learns of a dossier only when something is attached to it.
        """
        verifier_piece_a_fichiers(piece, len(fichiers))

        def enregistrer(repo: DocumentsRepository, analyses: list[FichierAnalyse]) -> list[Fichier]:
            self._brouillon(repo, acteur, dossier_id, proprietaire)
            return _joindre(repo, dossier_id, piece, analyses, self.clock.now())

        joints = await self.joindre_contenus(
            fichiers,
            lambda repo: self._brouillon(repo, acteur, dossier_id, proprietaire, creer=False),
            enregistrer,
        )
        log.info(
            "justificatifs joints", extra={"dossier_id": dossier_id, "piece": piece, "fichiers": len(joints)}
        )
        return joints

    def _brouillon(
        self,
        repo: DocumentsRepository,
        acteur: Actor,
        dossier_id: str,
        proprietaire: Proprietaire,
        creer: bool = True,
    ) -> DossierDocuments | None:
        dossier = dossier_pour_ecriture(repo, acteur, dossier_id, proprietaire, self.clock.now(), creer=creer)
        if dossier is not None:
            dossier.verifier_brouillon(acteur)
        return dossier

    async def retirer(self, *, acteur: Actor, dossier_id: str, fichier_id: str) -> None:
        """Remove a file from a draft; its content is forgotten when nothing else points at it."""

        def supprimer(repo: DocumentsRepository) -> tuple[str, bool]:
            dossier = dossier_lisible(repo, acteur, dossier_id, verrou=True)
            fichier = verifier_suppression(repo.fichier(dossier_id, fichier_id))
            dossier.verifier_retrait(acteur, fichier)
            repo.supprimer_fichier(fichier.id)
            restaures = _version_precedente(repo, fichier) if fichier.ronde else []
            repo.restaurer([f.id for f in restaures])
            payload = {"dossierId": dossier_id, "piece": fichier.piece, "fichierId": fichier.id}
            repo.publier(Evenement.SUPPRIME, {**payload, "restaures": [f.id for f in restaures]})
            return fichier.sha256, repo.contenu_reference(fichier.sha256)

        sha256, encore_reference = await self.transactions.run_async(supprimer)
        log.info("justificatif retiré", extra={"dossier_id": dossier_id, "fichier_id": fichier_id})
        if not encore_reference:
            await self.blobs.delete(sha256)

    async def consulter(self, *, acteur: Actor, dossier_id: str) -> tuple[DossierDocuments, list[Fichier]]:
        """The dossier and every version of its files, for the pieces page and the back-office."""
        return await self.transactions.run_async(
            lambda repo: (dossier_lisible(repo, acteur, dossier_id), repo.fichiers(dossier_id))
        )

    async def ouvrir(
        self, *, acteur: Actor, dossier_id: str, fichier_id: str
    ) -> tuple[Fichier, AsyncIterator[bytes]]:
        """The file and its content, for its owner, an agent of its préfecture or a service.

        Agents open a clean copy (images re-encoded, PDFs rewritten); the original stays sealed as
        the applicant sent it, for them and the services."""
        fichier, contenu = await self._ouvrir(
            acteur, dossier_id, lambda repo: repo.fichier(dossier_id, fichier_id), FICHIER_INTROUVABLE
        )
        return await self.copie_propre(fichier, contenu) if acteur.is_agent else (fichier, contenu)

    async def definir_ephoto(
        self, *, acteur: Actor, dossier_id: str, numero: str | None, proprietaire: Proprietaire
    ) -> str | None:
        """Set (or remove, with None) the e-photo number of a draft: the photo is a number, not a file.

        Once deposited, a complement round asking for the photo lets a new number replace it."""
        numero = normaliser_numero_ephoto(numero) if numero is not None else None

        def definir(repo: DocumentsRepository) -> str | None:
            existant = repo.dossier(dossier_id, verrou=True)
            if existant is not None and existant.depose:
                verifier_lecture(acteur, existant)
                if numero is None:
                    raise Invalide(MESSAGE_EPHOTO)
                repo.enregistrer_dossier(existant.changer_ephoto(acteur, numero))
                return numero
            dossier = self._brouillon(repo, acteur, dossier_id, proprietaire)
            assert dossier is not None
            repo.enregistrer_dossier(replace(dossier, numero_ephoto=numero))
            return numero

        return await self.transactions.run_async(definir)

    async def lire_ephoto(self, *, acteur: Actor, dossier_id: str) -> str | None:
        return await self.transactions.run_async(
            lambda repo: dossier_lisible(repo, acteur, dossier_id).numero_ephoto
        )

    async def verifier(
        self, *, acteur: Actor, dossier_id: str, situation: Situation
    ) -> list[tuple[PieceCode, str]]:
        """The required pieces still missing, in the catalogue's order (all of them for an unknown dossier).

        The dossier service asks before a deposit: a dossier without any document yet is unknown here.
        """

        def manquantes(repo: DocumentsRepository) -> list[tuple[PieceCode, str]]:
            dossier = repo.dossier(dossier_id)
            if dossier is None:
                return [(p.code, p.libelle) for p in CATALOGUE.obligatoires(situation)]
            verifier_lecture(acteur, dossier)
            return pieces_manquantes(CATALOGUE, situation, dossier, repo.fichiers(dossier_id))

        return await self.transactions.run_async(manquantes)


def _version_precedente(repo: DocumentsRepository, retire: Fichier) -> list[Fichier]:
    """The version a round's new one replaced, once nothing of the new one is left."""
    autres = [f for f in repo.fichiers(retire.dossier_id, retire.piece) if f.id != retire.id]
    if any(f.courant for f in autres):
        return []
    anciennes = [f for f in autres if f.version < retire.version]
    derniere = max((f.version for f in anciennes), default=None)
    return [f for f in anciennes if f.version == derniere]


def _joindre(
    repo: DocumentsRepository,
    dossier_id: str,
    piece: PieceCode,
    analyses: list[FichierAnalyse],
    quand: datetime,
) -> list[Fichier]:
    """The piece's files for `analyses`: those already there are answered again, not added twice."""
    deja = {f.sha256: f for f in repo.fichiers(dossier_id, piece) if f.courant}
    nouveaux = list({a.sha256: a for a in analyses if a.sha256 not in deja}.values())
    if not nouveaux:
        return [deja[a.sha256] for a in analyses]
    verifier_nombre(len(deja), len(nouveaux))
    for analyse in nouveaux:
        deja[analyse.sha256] = fichier = Fichier.recu(dossier_id, piece, analyse, 1, 0, quand)
        repo.ajouter_fichier(fichier)
    ids = [deja[a.sha256].id for a in nouveaux]
    repo.publier(Evenement.DEPOSE, {"dossierId": dossier_id, "piece": piece, "fichierIds": ids, "version": 1})
    return [deja[a.sha256] for a in analyses]
