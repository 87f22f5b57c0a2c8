"""The applicant's pieces: attach, list, remove, download, e-photo number, verification."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import StreamingResponse

from contracts.documents import (
    FichierPiece,
    NumeroEphoto,
    PieceCode,
    PieceManquante,
    PiecesDossier,
    VerificationPiecesRequest,
    VerificationPiecesResponse,
)
from plumbing.authentication import CurrentActor
from plumbing.erreurs_requete import refus
from services.documents.api.formulaires import (
    DOSSIER,
    FichiersRecus,
    ProprietaireDeclare,
    ProprietaireEnParametres,
)
from services.documents.api.telechargement import Disposition, fichier_telecharge, reponse_fichier
from services.documents.api.views import vue_fichier, vue_pieces
from services.documents.domain.catalogue import Situation
from services.documents.domain.contenu import FORMATS_JUSTIFICATIFS
from services.documents.usecases.justificatifs import Justificatifs

DEPOT = refus(409, 413, 415)  # a sealed dossier, a file too large or of another format
TELECHARGEMENT = {**fichier_telecharge(*(f.type_media for f in FORMATS_JUSTIFICATIFS)), **refus(503)}


def build_pieces_router(justificatifs: Justificatifs) -> APIRouter:
    router = APIRouter(tags=["pièces"], responses=refus(404))

    @router.post(DOSSIER + "/pieces/{code}/fichiers", status_code=201, responses=DEPOT)
    async def joindre(
        acteur: CurrentActor,
        dossier_id: str,
        code: PieceCode,
        fichiers: FichiersRecus,
        proprietaire: ProprietaireDeclare,
    ) -> list[FichierPiece]:
        """Attach 1 to 3 files to a piece of a draft (the first one registers the owner and préfecture)."""
        joints = await justificatifs.joindre(
            acteur=acteur,
            dossier_id=dossier_id,
            piece=code,
            fichiers=fichiers,
            proprietaire=proprietaire,
        )
        return [vue_fichier(f) for f in joints]

    @router.get(DOSSIER + "/pieces")
    async def lister(acteur: CurrentActor, dossier_id: str) -> PiecesDossier:
        return vue_pieces(*await justificatifs.consulter(acteur=acteur, dossier_id=dossier_id))

    @router.delete(DOSSIER + "/fichiers/{fichier_id}", status_code=204, responses=refus(409))
    async def retirer(acteur: CurrentActor, dossier_id: str, fichier_id: str) -> Response:
        await justificatifs.retirer(acteur=acteur, dossier_id=dossier_id, fichier_id=fichier_id)
        return Response(status_code=204)

    @router.get(
        DOSSIER + "/fichiers/{fichier_id}", response_class=StreamingResponse, responses=TELECHARGEMENT
    )
    async def telecharger(
        acteur: CurrentActor,
        dossier_id: str,
        fichier_id: str,
        disposition: Disposition = Disposition.ATTACHMENT,
    ) -> StreamingResponse:
        ouvert = await justificatifs.ouvrir(acteur=acteur, dossier_id=dossier_id, fichier_id=fichier_id)
        return await reponse_fichier(*ouvert, disposition)

    @router.put(DOSSIER + "/ephoto", responses=refus(409))
    async def definir_ephoto(
        acteur: CurrentActor,
        dossier_id: str,
        corps: NumeroEphoto,
        proprietaire: ProprietaireEnParametres,
    ) -> NumeroEphoto:
        """Set the e-photo number (22 digits) of a draft, or remove it with null."""
        numero = await justificatifs.definir_ephoto(
            acteur=acteur,
            dossier_id=dossier_id,
            numero=corps.numero_ephoto,
            proprietaire=proprietaire,
        )
        return NumeroEphoto(numero_ephoto=numero)

    @router.get(DOSSIER + "/ephoto")
    async def lire_ephoto(acteur: CurrentActor, dossier_id: str) -> NumeroEphoto:
        return NumeroEphoto(
            numero_ephoto=await justificatifs.lire_ephoto(acteur=acteur, dossier_id=dossier_id)
        )

    @router.post(DOSSIER + "/pieces/verification")
    async def verifier(
        acteur: CurrentActor, dossier_id: str, demande: VerificationPiecesRequest
    ) -> VerificationPiecesResponse:
        """Which required pieces are still missing for this case."""
        situation = Situation(demande.cas)
        manquantes = await justificatifs.verifier(acteur=acteur, dossier_id=dossier_id, situation=situation)
        return VerificationPiecesResponse(
            complet=not manquantes, manquantes=[PieceManquante(code=c, libelle=lib) for c, lib in manquantes]
        )

    return router
