"""Generated PDFs kept with the dossier: posted by the pdf service's worker, read like the pieces."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from contracts.documents import Evenement
from contracts.process import Modele
from services.documents.domain.acces import Acteur, verifier_service
from services.documents.domain.contenu import PDF, FichierAnalyse
from services.documents.domain.erreurs import Introuvable
from services.documents.domain.generes import DocumentGenereEnregistre, nom_document_genere
from services.documents.domain.stockage import StockageFichiers
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
)

log = logging.getLogger(__name__)
DOCUMENT_INTROUVABLE = "Document introuvable."


@dataclass
class DocumentsGeneres:
    registre: Registre
    stockage: StockageFichiers
    horloge: Callable[[], datetime] = maintenant

    async def enregistrer(
        self,
        *,
        acteur: Acteur,
        dossier_id: str,
        modele: Modele,
        idempotence: str,
        fichier: FichierRecu,
        proprietaire: Proprietaire,
    ) -> tuple[DocumentGenereEnregistre, bool]:
        """Keep a PDF once per (dossier, modele, idempotence); answer it and whether it is new."""
        verifier_service(acteur)
        cle = (dossier_id, modele, idempotence)
        if existant := await self.registre(lambda repo: repo.document_genere_par_cle(*cle)):
            return existant, False
        (analyse,) = await analyser([fichier], formats=(PDF,))
        await self.stockage.enregistrer(analyse.sha256, analyse.contenu)
        try:
            document = await self.registre(
                lambda repo: self._ajouter(
                    repo, acteur, modele, idempotence, analyse, dossier_id, proprietaire
                )
            )
        except IntegrityError:  # the same key posted twice at the same moment
            if existant := await self.registre(lambda repo: repo.document_genere_par_cle(*cle)):
                return existant, False
            raise
        log.info("document généré conservé", extra={"dossier_id": dossier_id, "modele": modele.value})
        return document, True

    def _ajouter(
        self,
        repo: SqlDocumentsRepository,
        acteur: Acteur,
        modele: Modele,
        idempotence: str,
        analyse: FichierAnalyse,
        dossier_id: str,
        proprietaire: Proprietaire,
    ) -> DocumentGenereEnregistre:
        quand = self.horloge()
        dossier_pour_ecriture(repo, acteur, dossier_id, proprietaire, quand)
        document = DocumentGenereEnregistre(
            id=nouvel_id(),
            dossier_id=dossier_id,
            modele=modele,
            idempotence=idempotence,
            nom_fichier=nom_document_genere(modele, analyse.nom_fichier),
            type_media=analyse.format.type_media,
            taille=analyse.taille,
            sha256=analyse.sha256,
            cree_le=quand,
        )
        repo.ajouter_document_genere(document)
        payload = {"dossierId": dossier_id, "documentId": document.id, "modele": modele}
        repo.publier(Evenement.GENERE, payload)
        return document

    async def lister(self, *, acteur: Acteur, dossier_id: str) -> list[DocumentGenereEnregistre]:
        def lister(repo: SqlDocumentsRepository) -> list[DocumentGenereEnregistre]:
            dossier_lisible(repo, acteur, dossier_id)
            return repo.documents_generes(dossier_id)

        return await self.registre(lister)

    async def ouvrir(
        self, *, acteur: Acteur, dossier_id: str, document_id: str
    ) -> tuple[DocumentGenereEnregistre, AsyncIterator[bytes]]:
        def trouver(repo: SqlDocumentsRepository) -> DocumentGenereEnregistre:
            dossier_lisible(repo, acteur, dossier_id)
            document = repo.document_genere(dossier_id, document_id)
            if document is None:
                raise Introuvable(DOCUMENT_INTROUVABLE)
            return document

        document = await self.registre(trouver)
        return document, self.stockage.lire(document.sha256)
