"""Client of the documents service's internal API (routes in `contracts.documents`)."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.clients.base import FichierLu, InternalApiClient, fichier_lu, path
from contracts.documents import (
    AnnexePieces,
    Cas,
    DocumentGenere,
    FichierPiece,
    NumeroEphoto,
    OuvertureComplements,
    PieceCatalogue,
    PieceCode,
    PiecesDossier,
    Scellement,
    VerificationPiecesRequest,
    VerificationPiecesResponse,
)


@dataclass(frozen=True)
class FichierEnvoye:
    """A file as sent to the API: its name, its bytes and the media type the sender believes."""

    nom: str
    contenu: bytes
    type_media: str = "application/octet-stream"


class DocumentsClient(InternalApiClient):
    """The documents API as the gateway, the back-office and the workers call it.

    Refusals carry the service's French `detail`: `NotFound` (unknown, or not this actor's),
    `Conflict` (deposited, no complement round open, too many files), `RequestRefused` with
    status 413 (over 10 Mo), 415 (not JPG, PNG, PDF, TIFF or BMP), 422 (unreadable file, bad
    e-photo number) or 403 (the actor may see but not do this).
    """

    service = "documents"

    async def catalogue(self, cas: Cas) -> list[PieceCatalogue]:
        return await self.get_model(list[PieceCatalogue], "/catalogue", params={"cas": cas.value})

    async def annexe(self) -> AnnexePieces:
        """Annexe 1, the same for everybody."""
        return await self.get_model(AnnexePieces, "/catalogue/annexe")

    async def verifier_pieces(
        self, dossier_id: str, demande: VerificationPiecesRequest
    ) -> VerificationPiecesResponse:
        url = path("dossiers", dossier_id, "pieces", "verification")
        return await self.send_model("POST", VerificationPiecesResponse, url, demande)

    async def pieces(self, dossier_id: str) -> PiecesDossier:
        return await self.get_model(PiecesDossier, path("dossiers", dossier_id, "pieces"))

    async def joindre(
        self,
        dossier_id: str,
        piece: PieceCode,
        fichiers: list[FichierEnvoye],
        *,
        demandeur_id: str | None = None,
        prefecture: str | None = None,
    ) -> list[FichierPiece]:
        """Attach 1 to 3 files to a piece of a draft (the first document also names its owner)."""
        champs = _sans_vides({"demandeurId": demandeur_id, "prefecture": prefecture})
        url = path("dossiers", dossier_id, "pieces", piece.value, "fichiers")
        return await self.send_model("POST", list[FichierPiece], url, files=_multipart(fichiers), data=champs)

    async def retirer(self, dossier_id: str, fichier_id: str) -> None:
        await self.request("DELETE", path("dossiers", dossier_id, "fichiers", fichier_id))

    async def fichier(self, dossier_id: str, fichier_id: str) -> FichierLu:
        return await self._lire(path("dossiers", dossier_id, "fichiers", fichier_id))

    async def definir_ephoto(
        self,
        dossier_id: str,
        numero: str | None,
        *,
        demandeur_id: str | None = None,
        prefecture: str | None = None,
    ) -> NumeroEphoto:
        params = _sans_vides({"demandeurId": demandeur_id, "prefecture": prefecture})
        url = path("dossiers", dossier_id, "ephoto")
        return await self.send_model(
            "PUT", NumeroEphoto, url, NumeroEphoto(numero_ephoto=numero), params=params
        )

    async def ephoto(self, dossier_id: str) -> NumeroEphoto:
        return await self.get_model(NumeroEphoto, path("dossiers", dossier_id, "ephoto"))

    async def ouvrir_complements(self, dossier_id: str, ouverture: OuvertureComplements) -> None:
        json = ouverture.model_dump(mode="json", by_alias=True)
        await self.request("POST", path("dossiers", dossier_id, "complements"), json=json)

    async def remplacer(
        self, dossier_id: str, piece: PieceCode, fichiers: list[FichierEnvoye], *, ronde: int | None = None
    ) -> list[FichierPiece]:
        """A new version of a piece in an open complement round."""
        url = path("dossiers", dossier_id, "pieces", piece.value, "versions")
        data = {"ronde": str(ronde)} if ronde is not None else {}
        return await self.send_model("POST", list[FichierPiece], url, files=_multipart(fichiers), data=data)

    async def sceller(self, dossier_id: str, *, prefecture: str | None = None) -> Scellement:
        url = path("dossiers", dossier_id, "scellement")
        return await self.send_model("POST", Scellement, url, params=_sans_vides({"prefecture": prefecture}))

    async def deposer_document_genere(
        self,
        dossier_id: str,
        fichier: FichierEnvoye,
        *,
        modele: str,
        idempotence: str,
        demandeur_id: str | None = None,
        prefecture: str | None = None,
    ) -> DocumentGenere:
        """Keep a generated PDF with the dossier, once per idempotency key."""
        champs = {"modele": modele, "idempotence": idempotence}
        champs |= _sans_vides({"demandeurId": demandeur_id, "prefecture": prefecture})
        url = path("dossiers", dossier_id, "documents-generes")
        files = {"fichier": (fichier.nom, fichier.contenu, fichier.type_media)}
        return await self.send_model("POST", DocumentGenere, url, files=files, data=champs)

    async def documents_generes(self, dossier_id: str) -> list[DocumentGenere]:
        return await self.get_model(list[DocumentGenere], path("dossiers", dossier_id, "documents-generes"))

    async def document_genere(self, dossier_id: str, document_id: str) -> FichierLu:
        return await self._lire(path("dossiers", dossier_id, "documents-generes", document_id))

    async def _lire(self, url: str) -> FichierLu:
        return fichier_lu(await self.request("GET", url))


def _multipart(fichiers: list[FichierEnvoye]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("fichiers", (f.nom, f.contenu, f.type_media)) for f in fichiers]


def _sans_vides(valeurs: dict[str, str | None]) -> dict[str, str]:
    return {cle: valeur for cle, valeur in valeurs.items() if valeur}
