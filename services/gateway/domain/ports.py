"""What the pages need from the other services, whoever answers (the real APIs, or test fakes).

Refusals arrive as `contracts.clients.base` errors: `RequestRefused` carries identity's French
message, `ServiceUnavailable` becomes the « service momentanément indisponible » page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from contracts.documents import (
    Cas,
    DocumentGenere,
    FichierPiece,
    NumeroEphoto,
    PieceCatalogue,
    PieceCode,
    PiecesDossier,
)
from contracts.dossier import (
    DossierComplet,
    DossierResume,
    DossierVue,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeJustificatifs,
    EtapeMotifSejour,
    HistoriqueStatuts,
    PourQui,
    ReponsePieceComplement,
    RondeComplementsVue,
)
from contracts.identity import (
    ChangementAdresse,
    DeclarationAdresse,
    DemandeConnexion,
    DemandeCreationCompte,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    ReponseMessage,
    SessionCourante,
    SessionOuverte,
)
from contracts.notifier import (
    FiltreLecture,
    NotificationDetail,
    NotificationResume,
    OuvertureDemande,
    PageNotifications,
)

SaisieEtape = EtapeInformationsPersonnelles | EtapeMotifSejour | EtapeJustificatifs | EtapeDepot


@dataclass(frozen=True)
class Fichier:
    """A file sent by the applicant or read back: its name, bytes and media type."""

    nom: str
    contenu: bytes
    type_media: str = "application/octet-stream"


class ConnexionBloquee(Exception):
    """Too many failed attempts: identity refuses for a while (its French message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Comptes(Protocol):
    """identity's account and session API, on behalf of a visitor."""

    async def creer_compte(self, demande: DemandeCreationCompte) -> ReponseMessage: ...
    async def confirmer_courriel(self, jeton: str) -> ReponseMessage: ...
    async def creer_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage: ...
    async def demander_reinitialisation(self, demande: DemandeOubliMotDePasse) -> ReponseMessage: ...
    async def verifier_lien_reinitialisation(self, jeton: str) -> ReponseMessage: ...
    async def reinitialiser_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage: ...
    async def connecter(self, demande: DemandeConnexion) -> SessionOuverte:
        """A new session; `RequestRefused` for wrong credentials, `ConnexionBloquee` when locked."""
        ...

    async def session(self, jeton: str) -> SessionCourante | None:
        """The session behind a cookie, or None when it has expired or never existed."""
        ...

    async def deconnecter(self, jeton: str) -> None: ...

    async def declarer_adresse(
        self, acteur: str, demandeur_id: str, declaration: DeclarationAdresse
    ) -> ChangementAdresse:
        """« Je déclare un changement de situation », as the applicant themself: the register's
        address changes, dated in its history (`RequestRefused` with identity's French message)."""
        ...

    async def historique_adresses(self, acteur: str, demandeur_id: str) -> list[ChangementAdresse]:
        """The applicant's declared moves, newest first."""
        ...


class Notifications(Protocol):
    """The notifier's « Mes Notifications », read as the signed-in applicant (`acteur`)."""

    async def non_lues(self, acteur: str, *, nombre: int) -> PageNotifications:
        """The newest unread notifications; `total` is the bell's count."""
        ...

    async def lister(
        self, acteur: str, *, lecture: FiltreLecture, page: int, par_page: int
    ) -> PageNotifications:
        """One page of « Mes Notifications », newest first."""
        ...

    async def ouvrir(self, acteur: str, notification_id: str) -> NotificationDetail:
        """The notification; the applicant's first opening is the acknowledgement of receipt.
        Another applicant's answers `NotFound`."""
        ...

    async def ouvrir_demande(
        self, acteur: str, dossier_id: str, numero: int, *, nombre: int
    ) -> OuvertureDemande:
        """The « Demande de complément » of round `numero` of the dossier, opened (the
        acknowledgement of receipt), and the bell after it (`nombre` newest unread): one call."""
        ...

    async def demandes_de_complement(self, acteur: str) -> list[NotificationResume]:
        """The applicant's « Demande de complément » notifications, newest first."""
        ...


class Demandes(Protocol):
    """The dossier service as the signed-in applicant (`acteur`): others' dossiers answer `NotFound`."""

    async def commencer(self, acteur: str, pour: PourQui) -> DossierVue:
        """The draft from the register's fiche (the dossier reads it from identity), or the one
        already in progress; `RequestRefused` (403) when this procedure is not the applicant's."""
        ...

    async def mes_dossiers(self, acteur: str) -> list[DossierResume]: ...
    async def dossier(self, acteur: str, dossier_id: str) -> DossierVue: ...
    async def enregistrer(self, acteur: str, dossier_id: str, saisie: SaisieEtape) -> DossierVue: ...
    async def abandonner(self, acteur: str, dossier_id: str) -> DossierVue: ...
    async def deposer(self, acteur: str, dossier_id: str, depot: EtapeDepot) -> DossierVue:
        """Once, whatever the clicks; `RequestRefused` with the list of what is missing."""
        ...

    async def historique(self, acteur: str, dossier_id: str) -> HistoriqueStatuts:
        """Every status the application went through, with its date."""
        ...

    async def complet(self, acteur: str, dossier_id: str) -> DossierComplet:
        """In one call: the dossier, its history, its complement rounds, its pieces (every
        version) and the administration's documents (`documents_indisponibles` when they failed)."""
        ...

    async def se_desister(self, acteur: str, dossier_id: str) -> DossierVue:
        """« Je me désiste », until the decision (`Conflict` afterwards, with the reason)."""
        ...

    async def rondes(self, acteur: str, dossier_id: str) -> list[RondeComplementsVue]: ...
    async def ronde(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue: ...
    async def repondre_piece(
        self, acteur: str, dossier_id: str, numero: int, piece: str, reponse: ReponsePieceComplement
    ) -> RondeComplementsVue:
        """One document's answer (`RequestRefused` with `erreurs`, `Conflict` once sent)."""
        ...

    async def envoyer_ronde(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue:
        """« Valider et envoyer », once whatever the clicks (`RequestRefused` when incomplete)."""
        ...


class Justificatifs(Protocol):
    """The documents service as the applicant, and the pdf service's public list of pieces."""

    async def catalogue(self, cas: Cas) -> list[PieceCatalogue]: ...
    async def pieces(self, acteur: str, dossier_id: str) -> PiecesDossier: ...
    async def joindre(
        self, acteur: str, dossier_id: str, piece: PieceCode, fichiers: list[Fichier], prefecture: str
    ) -> list[FichierPiece]:
        """`RequestRefused` with the documents service's French message for a refused file."""
        ...

    async def retirer(self, acteur: str, dossier_id: str, fichier_id: str) -> None: ...
    async def remplacer(
        self, acteur: str, dossier_id: str, piece: PieceCode, fichiers: list[Fichier], ronde: int
    ) -> list[FichierPiece]:
        """The piece's new version in complement round `ronde` (refusals: the service's message)."""
        ...

    async def definir_ephoto(
        self, acteur: str, dossier_id: str, numero: str | None, prefecture: str
    ) -> NumeroEphoto: ...
    async def fichier(self, acteur: str, dossier_id: str, fichier_id: str) -> Fichier:
        """A file the applicant sent, any version (the documents service checks whose)."""
        ...

    async def documents_generes(self, acteur: str, dossier_id: str) -> list[DocumentGenere]: ...
    async def document_genere(self, acteur: str, dossier_id: str, document_id: str) -> Fichier: ...
    async def liste_des_pieces(self) -> Fichier:
        """Annexe 1 « Liste des pièces justificatives demandées », the same for everybody."""
        ...
