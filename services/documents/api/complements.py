"""Complement rounds (opened by the process) and the new versions the applicant sends in them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Response

from contracts.documents import FichierPiece, OuvertureComplements, PieceCode, Scellement
from plumbing.authentication import CurrentActor
from plumbing.erreurs_requete import refus
from services.documents.api.formulaires import DOSSIER, FichiersRecus
from services.documents.api.views import vue_fichier
from services.documents.domain.acces import verifier_service
from services.documents.domain.ports import DocumentsTransactions
from services.documents.usecases.complements import Complements
from services.documents.usecases.scellement import sceller


def build_complements_router(complements: Complements, transactions: DocumentsTransactions) -> APIRouter:
    router = APIRouter(tags=["compléments"], responses=refus(404, 409))

    @router.post(DOSSIER + "/complements", status_code=204)
    async def ouvrir(acteur: CurrentActor, dossier_id: str, ouverture: OuvertureComplements) -> Response:
        """Open complement round `ronde` for the listed pieces (service only, idempotent)."""
        await complements.ouvrir_ronde(
            acteur=acteur, dossier_id=dossier_id, ronde=ouverture.ronde, pieces=ouverture.pieces
        )
        return Response(status_code=204)

    @router.post(DOSSIER + "/pieces/{code}/versions", status_code=201, responses=refus(413, 415))
    async def remplacer(
        acteur: CurrentActor,
        dossier_id: str,
        code: PieceCode,
        fichiers: FichiersRecus,
        ronde: Annotated[int | None, Form(ge=1, le=1_000)] = None,
    ) -> list[FichierPiece]:
        """« Mettre à jour le document »: a new version of the piece; the previous one is kept."""
        nouveaux = await complements.remplacer(
            acteur=acteur,
            dossier_id=dossier_id,
            piece=code,
            fichiers=fichiers,
            ronde=ronde,
        )
        return [vue_fichier(f) for f in nouveaux]

    @router.post(DOSSIER + "/scellement")
    async def sceller_dossier(
        acteur: CurrentActor, dossier_id: str, prefecture: str | None = None
    ) -> Scellement:
        """Freeze the current documents (service only; the `documents.sceller` job does the same)."""
        verifier_service(acteur)
        nombre = await sceller(transactions=transactions, dossier_id=dossier_id, prefecture=prefecture)
        return Scellement(dossier_id=dossier_id, documents_scelles=nombre)

    return router
