"""The notifier's internal API and events (camelCase JSON): in-app notifications of the applicant's "espace personnel".

The gateway lists an applicant's notifications ("Mes Notifications"), shows their count of unread
ones next to the bell, opens one (the first opening is the acknowledgement of receipt: it is
recorded and the `notification-lue` message goes to the engine once). The notifier marks a demande de
compléments answered when the dossier says it was (event `dossier.dossier.complements-deposes`,
consumed by the notifier). Events are published on `notifier.notification.<event>` (stream
`NOTIFIER`); they carry identifiers only.

Internal API (an actor token identity signed, `plumbing.actors`; an applicant sees only their own notifications, an agent those
of their préfectures, anything else answers 404):

    GET  /notifications?lecture=toutes|lues|non-lues&type=<Modele>&page=1&parPage=10
                                                   -> PageNotifications (newest first)
    GET  /notifications/compteur                   -> CompteurNotifications (the bell's count)
    GET  /notifications/demandes-de-complement/ouverture?dossier=&ronde=&cloche=5
                                                   -> OuvertureDemande: the « Demande de complément »
                                                      of round n of the dossier (the n-th, oldest
                                                      first), opened as below, and the bell after it
    GET  /notifications/{id}                       -> NotificationDetail; the applicant's first
                                                      opening is the acknowledgement of receipt
    GET  /notifications/{id}/pieces-jointes        -> list[PieceJointe] (documents service ids)
    GET  /courriels/echecs                         -> list[CourrielEnEchec] (service or admin)
    POST /courriels/echecs/{id}/rejeu              -> 202, the dead letter is queued again

Agents and services may add `demandeur=<account id>` to the list; services must, to the count.
"""

from __future__ import annotations

from datetime import date as Jour
from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict, Field

from contracts.base import ContractModel
from contracts.process import Modele

STREAM_NOTIFIER = "NOTIFIER"
SUBJECTS_NOTIFIER = ["notifier.notification.>"]
PROCEDURE_SEJOUR = "SEJOUR"
PAR_PAGE_DEFAUT = 10
PAR_PAGE_MAX = 100


class EvenementNotification(StrEnum):
    CREEE = "creee"
    LUE = "lue"
    REPONDUE = "repondue"

    @property
    def subject(self) -> str:
        return f"notifier.notification.{self.value}"


class EtatNotification(StrEnum):
    NON_LUE = "non-lue"
    LUE = "lue"
    REPONDUE = "repondue"


class FiltreLecture(StrEnum):
    """The "Filtrer mes notifications" choice of the list."""

    TOUTES = "toutes"
    LUES = "lues"
    NON_LUES = "non-lues"


class PieceJointe(ContractModel):
    """A file attached to a notification, stored by the documents service."""

    document_id: str
    nom_fichier: str | None = None
    modele: str | None = None


class FichierExamine(ContractModel):
    """A file the agent examined, shown with « VOIR LE DOCUMENT » (documents service id)."""

    id: str
    nom_fichier: str


class PieceDemandee(ContractModel):
    """One document of a demande de compléments: why it is asked for (`motif`, a
    `contracts.variables.MotifComplement`, and its sentence), the files the agent examined, the
    agent's observation. Notifications made before the reasons existed have no `phrase`: their
    `ContenuNotification.introduction_pieces` says it for all."""

    piece: str
    libelle: str
    observation: str = ""
    motif: str | None = None
    phrase: str | None = None  # « Les documents mentionnés ci-dessous ne sont pas lisibles : »
    fichiers: list[FichierExamine] = Field(default_factory=list)
    numero_ephoto: str | None = None  # the e-photo is a number, not a file


class ContenuNotification(ContractModel):
    """The text of a notification, paragraph by paragraph, in the seed's wording."""

    salutation: str
    paragraphes: list[str]
    information: str | None = None
    introduction_pieces: str | None = None
    pieces_demandees: list[PieceDemandee] = Field(default_factory=list)
    avertissement: str | None = None
    signature: list[str]
    ronde: int | None = None  # a demande de compléments: its round, 1, 2, ...
    objet: str | None = None  # « Demande de compléments n° 2 »
    delai_reponse: str | None = None  # ISO 8601 (`P30D`), the model's delais.reponseComplements


class NotificationResume(ContractModel):
    """One line of "Mes Notifications": icon (état), date, "SEJOUR", type, read/answered dates."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    type: Modele
    titre: str
    libelle: str = Field(
        description='the line\'s text: "Notification de décision lue", "Demande de complément répondu"'
    )
    mention: str | None = Field(None, description='"Lu le 12/09/2023", "Répondu le 12/09/2023" (Paris time)')
    date: datetime
    procedure: str = PROCEDURE_SEJOUR
    etat: EtatNotification
    lue_le: datetime | None
    repondue_le: datetime | None
    attend_reponse: bool
    dossier_id: str | None
    numero_demande: str | None
    ronde: int | None = None  # a demande de compléments: the round it asks for
    date_limite_reponse: Jour | None = Field(
        None, description="a demande de compléments once opened: the last day to answer (Paris)"
    )


class NotificationDetail(NotificationResume):
    contenu: ContenuNotification
    pieces_jointes: list[PieceJointe]


class PageNotifications(ContractModel):
    elements: list[NotificationResume]
    total: int
    page: int
    par_page: int
    pages: int


class OuvertureDemande(ContractModel):
    """What a complement round's page needs from the notifier, in one call."""

    demande: NotificationDetail | None  # None: no demand notified for that round
    cloche: PageNotifications  # the newest unread notifications; `total` is the bell's count


class CompteurNotifications(ContractModel):
    non_lues: int


class EvenementNotificationPayload(ContractModel):
    """Body of every `notifier.notification.<event>` event: identifiers and dates only."""

    notification_id: str
    type: Modele
    dossier_id: str | None
    demandeur_id: str
    date: datetime


class CourrielEnEchec(ContractModel):
    """An e-mail given up after its last delivery attempt (dead letter), for the administrators."""

    id: int
    idempotence: str
    modele: str
    erreur: str
    livraisons: int
    date: datetime
    rejoue_le: datetime | None = None
