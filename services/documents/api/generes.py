"""Generated PDFs: stored by the pdf service's worker, read by the applicant, agents and services."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Response
from fastapi.responses import StreamingResponse

from contracts.documents import DocumentGenere
from contracts.process import Modele
from plumbing.authentication import CurrentActor
from plumbing.erreurs_requete import refus
from services.documents.api.formulaires import DOSSIER, FichierUnique, ProprietaireDeclare
from services.documents.api.telechargement import Disposition, fichier_telecharge, reponse_fichier
from services.documents.api.views import vue_document_genere
from services.documents.usecases.generes import DocumentsGeneres


def build_generes_router(generes: DocumentsGeneres) -> APIRouter:
    router = APIRouter(tags=["documents générés"], responses=refus(404))

    @router.post(
        DOSSIER + "/documents-generes",
        status_code=201,
        responses={
            200: {"model": DocumentGenere, "description": "Le document déjà enregistré"},
            **refus(409, 413, 415),
        },
    )
    async def enregistrer(
        acteur: CurrentActor,
        dossier_id: str,
        response: Response,
        fichier: FichierUnique,
        modele: Annotated[Modele, Form()],
        idempotence: Annotated[str, Form(min_length=1, max_length=200)],
        proprietaire: ProprietaireDeclare,
    ) -> DocumentGenere:
        """Keep a generated PDF once per (dossier, modele, idempotence): 201, then 200 with the same document."""
        document, nouveau = await generes.enregistrer(
            acteur=acteur,
            dossier_id=dossier_id,
            modele=modele,
            idempotence=idempotence,
            fichier=fichier,
            proprietaire=proprietaire,
        )
        response.status_code = 201 if nouveau else 200
        return vue_document_genere(document)

    @router.get(DOSSIER + "/documents-generes")
    async def lister(acteur: CurrentActor, dossier_id: str) -> list[DocumentGenere]:
        return [vue_document_genere(d) for d in await generes.lister(acteur=acteur, dossier_id=dossier_id)]

    @router.get(
        DOSSIER + "/documents-generes/{document_id}",
        response_class=StreamingResponse,
        responses={**fichier_telecharge("application/pdf"), **refus(503)},
    )
    async def telecharger(
        acteur: CurrentActor,
        dossier_id: str,
        document_id: str,
        disposition: Disposition = Disposition.ATTACHMENT,
    ) -> StreamingResponse:
        ouvert = await generes.ouvrir(acteur=acteur, dossier_id=dossier_id, document_id=document_id)
        return await reponse_fichier(*ouvert, disposition)

    return router
