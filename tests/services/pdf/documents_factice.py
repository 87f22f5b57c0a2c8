"""A minimal documents service implementing the two calls of `contracts.documents` the pdf uses.

Stands in until `services.documents` has its `build_app`: same paths, same multipart fields, same
idempotency (201 the first time, 200 with the same document on replay), same authentication.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Annotated

from fastapi import FastAPI, Form, HTTPException, UploadFile
from fastapi.responses import JSONResponse

from contracts.documents import Cas, DocumentGenere
from contracts.process import Modele
from plumbing.actors import CurrentActor
from tests.services.pdf.donnees import annexe

DOSSIER_INCONNU = "dos-inconnu"


def app_documents_factice(token: str) -> FastAPI:
    app = FastAPI()
    app.state.internal_api_token = token
    documents: dict[tuple[str, str], DocumentGenere] = {}
    contenus: dict[str, bytes] = {}
    app.state.documents, app.state.contenus = documents, contenus

    @app.post("/dossiers/{dossier_id}/documents-generes")
    async def deposer(
        dossier_id: str,
        acteur: CurrentActor,
        fichier: UploadFile,
        modele: Annotated[Modele, Form()],
        idempotence: Annotated[str, Form()],
    ) -> JSONResponse:
        if not acteur.is_service or dossier_id == DOSSIER_INCONNU:
            raise HTTPException(404, "Dossier introuvable.")
        if (dossier_id, idempotence) in documents:
            return JSONResponse(documents[dossier_id, idempotence].model_dump(mode="json"), status_code=200)
        contenu = await fichier.read()
        document = DocumentGenere(
            id=f"gen-{len(documents) + 1}",
            dossier_id=dossier_id,
            modele=modele,
            nom_fichier=fichier.filename or "document.pdf",
            type_media=fichier.content_type or "",
            taille=len(contenu),
            sha256=hashlib.sha256(contenu).hexdigest(),
            cree_le=datetime.now(UTC),
        )
        documents[dossier_id, idempotence], contenus[document.id] = document, contenu
        return JSONResponse(document.model_dump(mode="json"), status_code=201)

    @app.get("/catalogue/annexe")
    async def catalogue_annexe(cas: Cas, _acteur: CurrentActor) -> JSONResponse:
        return JSONResponse(annexe(cas).model_dump(mode="json"))

    return app
