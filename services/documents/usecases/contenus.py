"""What the document use cases share: received files checked, their contents kept, read back."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from plumbing.actors import Actor
from plumbing.clock import Clock, SystemClock
from services.documents.domain.antivirus import Antivirus, SansAntivirus, infecte
from services.documents.domain.contenu import (
    FORMATS_JUSTIFICATIFS,
    FichierAnalyse,
    Format,
    analyser_fichier,
    nom_affichable,
)
from services.documents.domain.copie_propre import copie_propre
from services.documents.domain.erreurs import Introuvable
from services.documents.domain.modeles import Fichier
from services.documents.domain.ports import BlobStore, DocumentsRepository, DocumentsTransactions
from services.documents.usecases.dossiers import dossier_lisible

T = TypeVar("T")
log = logging.getLogger(__name__)
# Files are decoded on one thread of their own, one at a time: the memory decoding takes stays that
# of one image. On the default pool, each thread's malloc arena would keep the memory of the last
# image it decoded (six parallel uploads of 7,000 × 7,000 images grew the process by 930 MiB).
_DECODAGE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="documents-decodage")


class Stocke(Protocol):
    """A stored file or generated document: its content is the blob of its digest."""

    @property
    def sha256(self) -> str: ...


S = TypeVar("S", bound=Stocke)


@dataclass(frozen=True)
class FichierRecu:
    """A file as the caller sent it; nothing about it is trusted yet."""

    nom: str | None
    contenu: bytes


@dataclass
class DocumentsUseCase:
    """The ports every use case of stored files needs: transactions, the blob store, the clock, the antivirus."""

    transactions: DocumentsTransactions
    blobs: BlobStore
    clock: Clock = field(default_factory=SystemClock)
    antivirus: Antivirus = field(default_factory=SansAntivirus)

    async def recevoir(
        self, fichiers: list[FichierRecu], formats: tuple[Format, ...] = FORMATS_JUSTIFICATIFS
    ) -> list[FichierAnalyse]:
        """Scan every file, check its content, then keep it before any row points at it.

        The antivirus sees the bytes before any decoder does. Decoding runs off the event loop: a
        10 MB scan takes a while.
        """
        for fichier in fichiers:
            if (menace := await self.antivirus.analyser(fichier.contenu)) is not None:
                log.warning("fichier infecté refusé", extra={"menace": menace})
                raise infecte(nom_affichable(fichier.nom))
        analyses = await asyncio.get_running_loop().run_in_executor(
            _DECODAGE, lambda: [analyser_fichier(f.nom, f.contenu, formats) for f in fichiers]
        )
        for analyse in analyses:
            await self.blobs.put(analyse.sha256, analyse.contenu)
        return analyses

    async def joindre_contenus(
        self,
        fichiers: list[FichierRecu],
        verifier: Callable[[DocumentsRepository], object],
        enregistrer: Callable[[DocumentsRepository, list[FichierAnalyse]], T],
    ) -> T:
        """`verifier` the request first (a refusal costs no decoding), keep the contents, `enregistrer` them."""
        await self.transactions.run_async(verifier)
        analyses = await self.recevoir(fichiers)
        resultat = await self.transactions.run_async(lambda repo: enregistrer(repo, analyses))
        # A removal elsewhere may have forgotten a shared content just before our commit: write it again.
        for analyse in analyses:
            if not await self.blobs.exists(analyse.sha256):
                await self.blobs.put(analyse.sha256, analyse.contenu)
        return resultat

    async def _ouvrir(
        self,
        acteur: Actor,
        dossier_id: str,
        chercher: Callable[[DocumentsRepository], S | None],
        introuvable: str,
    ) -> tuple[S, AsyncIterator[bytes]]:
        """A stored element of a dossier `acteur` may read, and its content."""

        def trouver(repo: DocumentsRepository) -> S:
            dossier_lisible(repo, acteur, dossier_id)
            if (element := chercher(repo)) is None:
                raise Introuvable(introuvable)
            return element

        element = await self.transactions.run_async(trouver)
        return element, self.blobs.read(element.sha256)

    async def copie_propre(
        self, fichier: Fichier, contenu: AsyncIterator[bytes]
    ) -> tuple[Fichier, AsyncIterator[bytes]]:
        """The file as a clean copy of its content (`domain.copie_propre`): what agents open."""
        original = b"".join([bloc async for bloc in contenu])
        copie = await asyncio.get_running_loop().run_in_executor(
            _DECODAGE, copie_propre, fichier.nom_fichier, original, fichier.type_media
        )
        decrit = replace(
            fichier,
            nom_fichier=copie.nom(fichier.nom_fichier),
            type_media=copie.format.type_media,
            taille=len(copie.contenu),
        )
        return decrit, _en_un_bloc(copie.contenu)


async def _en_un_bloc(contenu: bytes) -> AsyncIterator[bytes]:
    yield contenu
