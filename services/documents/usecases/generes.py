"""Generated PDFs kept with the dossier: posted by the pdf service's worker, read like the pieces."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from contracts.documents import Evenement
from contracts.process import Modele
from plumbing.actors import Actor
from services.documents.domain.acces import verifier_service
from services.documents.domain.contenu import PDF
from services.documents.domain.generes import DocumentGenereEnregistre
from services.documents.domain.modeles import nouvel_id
from services.documents.domain.ports import DocumentsRepository
from services.documents.usecases.contenus import DocumentsUseCase, FichierRecu
from services.documents.usecases.dossiers import Proprietaire, dossier_lisible, dossier_pour_ecriture

log = logging.getLogger(__name__)
DOCUMENT_INTROUVABLE = "Document introuvable."


class DocumentsGeneres(DocumentsUseCase):
    async def enregistrer(
        self,
        *,
        acteur: Actor,
        dossier_id: str,
        modele: Modele,
        idempotence: str,
        fichier: FichierRecu,
        proprietaire: Proprietaire,
    ) -> tuple[DocumentGenereEnregistre, bool]:
        """Keep a PDF once per (dossier, modele, idempotence); answer it and whether it is new.

        The pdf worker posts again when its job is retried: the same key gives back the same document.
        """
        verifier_service(acteur)

        def existant(repo: DocumentsRepository) -> DocumentGenereEnregistre | None:
            return repo.document_genere_par_cle(dossier_id, modele, idempotence)

        if present := await self.transactions.run_async(existant):
            return present, False
        (analyse,) = await self.recevoir([fichier], formats=(PDF,))

        def ajouter(repo: DocumentsRepository) -> tuple[DocumentGenereEnregistre, bool]:
            # Posted twice at the same moment: the unique key makes this start over, and find it.
            if deja := existant(repo):
                return deja, False
            quand = self.clock.now()
            dossier_pour_ecriture(repo, acteur, dossier_id, proprietaire, quand)
            document = DocumentGenereEnregistre(
                id=nouvel_id(),
                dossier_id=dossier_id,
                modele=modele,
                idempotence=idempotence,
                cree_le=quand,
                **analyse.description(),
            )
            repo.ajouter_document_genere(document)
            repo.publier(
                Evenement.GENERE, {"dossierId": dossier_id, "documentId": document.id, "modele": modele}
            )
            return document, True

        document, nouveau = await self.transactions.run_async(ajouter)
        if nouveau:
            log.info("document généré conservé", extra={"dossier_id": dossier_id, "modele": modele.value})
        return document, nouveau

    async def lister(self, *, acteur: Actor, dossier_id: str) -> list[DocumentGenereEnregistre]:
        """The dossier's generated PDFs, oldest first (confirmation of deposit, decision, ...)."""

        def lister(repo: DocumentsRepository) -> list[DocumentGenereEnregistre]:
            dossier_lisible(repo, acteur, dossier_id)
            return repo.documents_generes(dossier_id)

        return await self.transactions.run_async(lister)

    async def ouvrir(
        self, *, acteur: Actor, dossier_id: str, document_id: str
    ) -> tuple[DocumentGenereEnregistre, AsyncIterator[bytes]]:
        """The PDF and its content, for whoever may read the dossier."""
        return await self._ouvrir(
            acteur,
            dossier_id,
            lambda repo: repo.document_genere(dossier_id, document_id),
            DOCUMENT_INTROUVABLE,
        )
