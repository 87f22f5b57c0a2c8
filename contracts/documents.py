"""The documents service's wire contract: piece codes, verification, stored and generated documents.

Used by the dossier service (verification before deposit, complement rounds), the gateway and the
back-office (catalogue, uploads, downloads) and the pdf service (Annexe 1 data, generated PDFs).
Every model is a `contracts.base.ContractModel`: JSON camelCase (`dossierId`, `nomFichier`), Python snake_case.

Internal API of the documents service (port `SERVICE_PORTS["documents"]`), called through
`contracts.clients.documents.DocumentsClient`:

    GET    /catalogue?cas=                                   -> list[PieceCatalogue] (step 3 of the case)
    GET    /catalogue/annexe                                 -> AnnexePieces (Annexe 1, the same for all)
    POST   /dossiers/{dossierId}/pieces/verification         VerificationPiecesRequest -> ...Response
    GET    /dossiers/{dossierId}/pieces                      -> PiecesDossier
    POST   /dossiers/{dossierId}/pieces/{code}/fichiers      multipart: fichiers (1 to 3 files); with the
                                                             dossier's first document also demandeurId
                                                             (services only) and prefecture
                                                             -> list[FichierPiece] (201)
    DELETE /dossiers/{dossierId}/fichiers/{fichierId}        a draft's, or one sent in the open complement
                                                             round (the previous version is current
                                                             again when none is left) -> 204
    GET    /dossiers/{dossierId}/fichiers/{fichierId}        the file (?disposition=attachment|inline)
    PUT    /dossiers/{dossierId}/ephoto?demandeurId=&prefecture=   NumeroEphoto -> NumeroEphoto (draft, or
                                                             a new number in a complement round asking
                                                             for the photo)
    GET    /dossiers/{dossierId}/ephoto                      -> NumeroEphoto
    POST   /dossiers/{dossierId}/complements                 OuvertureComplements -> 204 (services only)
    POST   /dossiers/{dossierId}/pieces/{code}/versions      multipart: fichiers (1 to 3), ronde
                                                             -> list[FichierPiece] (new version, 201)
    POST   /dossiers/{dossierId}/scellement?prefecture=      -> Scellement (services only; = documents.sceller)
    POST   /dossiers/{dossierId}/documents-generes           multipart: fichier (PDF), modele, idempotence
                                                             (+ demandeurId, prefecture for a dossier
                                                             without document) -> DocumentGenere
                                                             (201, then 200 with the same document)
    GET    /dossiers/{dossierId}/documents-generes           -> list[DocumentGenere]
    GET    /dossiers/{dossierId}/documents-generes/{id}      the PDF (?disposition=attachment|inline)

Who may do what: the applicant who owns the dossier (actor token demandeur <id>), agents of its
préfecture once it is deposited (read only), services. Others get 404. `prefecture` is « 59 » or
the process's candidate group « prefecture-59 ».

Events (outbox, stream `STREAM`): `documents.document.<Evenement>`, payloads of ids and counts only.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from contracts.base import ContractModel
from contracts.process import Modele

STREAM = "DOCUMENTS"
SUBJECTS = ["documents.>"]
FICHIERS_MAX_PAR_PIECE = 3
TAILLE_MAX_FICHIER = 10 * 1024 * 1024  # « 10 Mo par fichier »
FORMATS_ACCEPTES = ("JPG", "PNG", "PDF", "TIFF", "BMP")


class Cas(StrEnum):
    """The applicant's case: the values of the process variable `cas` (same as `contracts.dossier.Cas`)."""

    MINEUR = "mineur"  # CAS 1 : usager mineur non émancipé
    MINEUR_EMANCIPE = "mineur_emancipe"  # CAS 2 : usager mineur émancipé
    MAJEUR = "majeur"  # CAS 3 : usager majeur


class PieceCode(StrEnum):
    """Every piece of the catalogue (seed, step 3 and Annexe 1).

    A code that was removed still reads as the piece that replaced it (`CODES_REMPLACES`): files,
    complement rounds and process variables written before the change keep their meaning.
    """

    PHOTOGRAPHIE_IDENTITE = "photographie-identite"  # the e-photo number, not a file
    JUSTIFICATIF_NATIONALITE = "justificatif-nationalite"
    ACCORD_REPRESENTANT_LEGAL = "accord-representant-legal"  # mineur non émancipé
    JUSTIFICATIF_IDENTITE = "justificatif-identite"  # acte de naissance, mineur émancipé
    JUSTIFICATIF_EMANCIPATION = "justificatif-emancipation"  # mineur émancipé
    JUSTIFICATIF_DOMICILE = "justificatif-domicile"  # one piece, whatever the housing
    DECISION_PLACEMENT_ASE = "decision-placement-ase"
    JUSTIFICATIFS_ACTIVITE = "justificatifs-activite"
    LIENS_FAMILIAUX = "liens-familiaux"
    INSERTION = "insertion"  # Annexe 1 only: not offered at step 3, an agent may still ask for it

    @classmethod
    def _missing_(cls, value: object) -> PieceCode | None:
        remplacant = CODES_REMPLACES.get(value) if isinstance(value, str) else None
        return cls(remplacant) if remplacant else None


# The home proof was once three pieces chosen by a question the guide never asks (the housing);
# the guide has one piece with three lists of accepted documents.
CODES_REMPLACES: dict[str, str] = {
    "justificatif-domicile-hotel": "justificatif-domicile",
    "justificatif-domicile-particulier": "justificatif-domicile",
}


LIBELLES_PIECES: dict[PieceCode, str] = {
    PieceCode.PHOTOGRAPHIE_IDENTITE: "Photographie d'identité récente",
    PieceCode.JUSTIFICATIF_NATIONALITE: "Justificatif de nationalité",
    PieceCode.ACCORD_REPRESENTANT_LEGAL: "Accord du parent/représentant légal ou du mandataire",
    PieceCode.JUSTIFICATIF_IDENTITE: "Justificatif d'identité",
    PieceCode.JUSTIFICATIF_EMANCIPATION: "Justificatif d'émancipation",
    PieceCode.JUSTIFICATIF_DOMICILE: "Justificatif de domicile datant de moins de 6 mois",
    PieceCode.DECISION_PLACEMENT_ASE: (
        "Décision de placement par l'autorité judiciaire au service de l'Aide Sociale à l'Enfance (ASE)"
    ),
    PieceCode.JUSTIFICATIFS_ACTIVITE: "Justificatifs d'activité professionnelle",
    PieceCode.LIENS_FAMILIAUX: "Nature des liens avec la famille restée dans le pays d'origine",
    PieceCode.INSERTION: "Insertion dans la société française",
}
"""The French label of every piece, as step 3 shows it (seed): the one source of truth for the
catalogue, the complement rounds of the dossier and the notifications, where the agent's form
(`piecesDemandees`) carries only the code."""


def code_piece(code: str) -> PieceCode | None:
    """The piece of a code (a removed code reads as the piece that replaced it), None if unknown."""
    try:
        return PieceCode(code)
    except ValueError:
        return None


def libelle_piece(code: str) -> str:
    """The label of a piece code; an unknown code is shown as it is rather than lost."""
    piece = code_piece(code)
    return LIBELLES_PIECES[piece] if piece else code


class NaturePiece(StrEnum):
    FICHIERS = "fichiers"  # 1 to 3 uploaded files
    NUMERO_EPHOTO = "numero-ephoto"  # a 22-digit number (PUT /dossiers/{id}/ephoto)


class ListeAide(ContractModel):
    """One more list of accepted documents under a piece, with its heading (the home proof's
    « Si hébergement à l'hôtel : » and « Si hébergement chez un particulier : »)."""

    titre: str
    aide: list[str] = Field(default_factory=list)
    elements: list[str] = Field(default_factory=list)


class PieceCatalogue(ContractModel):
    """One piece as the applicant sees it at step 3, for a given case."""

    code: PieceCode
    libelle: str  # exactly the seed's label, e.g. « Justificatif de nationalité »
    rubrique: str  # « ÉTAT CIVIL », « DOMICILIATION », « MOTIF DE SÉJOUR »
    aide: list[str] = Field(default_factory=list)  # paragraphs of help text
    elements: list[str] = Field(default_factory=list)  # the bulleted list of accepted documents
    autres_listes: list[ListeAide] = Field(default_factory=list)  # further lists, one upload for all
    obligatoire: bool  # required in this case (shown with « * »)
    condition: str | None = None  # when it is required, in French, e.g. « Usager mineur émancipé »
    nature: NaturePiece = NaturePiece.FICHIERS
    fichiers_max: int = FICHIERS_MAX_PAR_PIECE


class VerificationPiecesRequest(ContractModel):
    """The case decides which pieces are required.

    Emancipation is carried by `cas` (mineur_emancipe). The seed makes no other answer (family
    situation, children, activity, housing) change the list of pieces.
    """

    cas: Cas


class PieceManquante(ContractModel):
    code: PieceCode
    libelle: str


class VerificationPiecesResponse(ContractModel):
    complet: bool
    manquantes: list[PieceManquante]


class StatutFichier(StrEnum):
    BROUILLON = "brouillon"  # may still be deleted by the applicant
    SCELLE = "scelle"  # frozen at the deposit (or at the end of a complement round)
    REMPLACE = "remplace"  # superseded by a newer version in a complement round; kept


class FichierPiece(ContractModel):
    """A stored file of a piece, as the API returns it."""

    id: str
    dossier_id: str
    piece: PieceCode
    nom_fichier: str
    type_media: str  # detected from the content: image/jpeg, image/png, application/pdf, ...
    taille: int
    sha256: str
    version: int  # 1 at the deposit, +1 at each replacement in a complement round
    ronde: int  # 0 = before the deposit, n = complement round n
    statut: StatutFichier
    depose_le: datetime
    remplace_le: datetime | None = None


class PieceDossier(ContractModel):
    code: PieceCode
    libelle: str
    fichiers: list[FichierPiece]  # current version
    anciennes_versions: list[FichierPiece] = Field(default_factory=list)  # superseded, oldest first


class PiecesDossier(ContractModel):
    dossier_id: str
    scelle: bool
    ronde_complements: int | None = None  # the open complement round, if any
    numero_ephoto: str | None = None
    ephoto_ronde: int | None = None  # the complement round whose answer changed the e-photo number
    pieces: list[PieceDossier]


# 22 digits; the spaces, dots and dashes people type between groups are ignored
MOTIF_NUMERO_EPHOTO = r"^[\s.\-]*(?:[0-9][\s.\-]*){22}$"


class NumeroEphoto(ContractModel):
    # null removes it; the documents service checks the pattern, with its own French message
    numero_ephoto: str | None = Field(json_schema_extra={"pattern": MOTIF_NUMERO_EPHOTO})


class OuvertureComplements(ContractModel):
    """Opens complement round `ronde`: the listed pieces may get a new version (all when empty)."""

    ronde: int = Field(ge=1, le=1_000)
    pieces: list[PieceCode] = Field(default_factory=list)


class Scellement(ContractModel):
    dossier_id: str
    documents_scelles: int  # current files frozen (same answer when called again)


class DocumentGenere(ContractModel):
    """A PDF generated by the pdf service and kept with the dossier."""

    id: str
    dossier_id: str
    modele: Modele
    nom_fichier: str
    type_media: str
    taille: int
    sha256: str
    cree_le: datetime


class ElementAnnexe(ContractModel):
    titre: str  # « Justificatif de nationalité »
    aide: list[str] = Field(default_factory=list)
    elements: list[str] = Field(default_factory=list)


class SectionAnnexe(ContractModel):
    titre: str  # « INFORMATIONS PERSONNELLES », « DOMICILE », « MOTIF DE SÉJOUR »
    pieces: list[ElementAnnexe]
    nouvelle_page: bool = False  # the guide's « MOTIF DE SÉJOUR » opens its page 2


class AnnexePieces(ContractModel):
    """Annexe 1 « Liste des pièces justificatives demandées », for the pdf service: one list for
    everybody (the preamble offers it before the case is known)."""

    titre: str
    sous_titre: str
    introduction: list[str]
    sections: list[SectionAnnexe]


class Evenement(StrEnum):
    """Events published as `documents.document.<value>`."""

    DEPOSE = "depose"  # {dossierId, piece, fichierIds, version}
    SUPPRIME = "supprime"  # {dossierId, piece, fichierId}
    REMPLACE = "remplace"  # {dossierId, piece, ronde, version, fichierIds, remplaces}
    GENERE = "genere"  # {dossierId, documentId, modele}
    SCELLE = "scelle"  # {dossierId, documentsScelles, ronde}


def subject(evenement: Evenement) -> str:
    return f"documents.document.{evenement.value}"
