"""An in-memory stand-in of the notifier, answering as its API does (an applicant: their own only)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from contracts.clients.base import NotFound, ServiceUnavailable
from contracts.notifier import (
    ContenuNotification,
    EtatNotification,
    FiltreLecture,
    NotificationDetail,
    NotificationResume,
    OuvertureDemande,
    PageNotifications,
    PieceDemandee,
    PieceJointe,
)
from contracts.process import Modele

MOMENT = datetime(2023, 9, 12, 8, tzinfo=UTC)
LECTURE = datetime(2023, 9, 13, 22, 30, tzinfo=UTC)  # 14/09/2023 in Paris
SEPT = "demandeur:compte-7"
AVERTISSEMENT = (
    "Si vous n'apportez pas les compléments nécessaires dans un délai de 45 jours après avoir pris "
    "connaissance de ce message, votre demande pourra être considérée comme incomplète."
)  # the notifier writes the process's deadline: 45 days here, so that no page can hard-code 30


class FakeNotifications:
    def __init__(self) -> None:
        self.notifications: list[tuple[str, NotificationDetail]] = []  # (owner, notification), oldest first
        self.acteurs: list[str] = []
        self.indisponible = False

    def ajouter(
        self,
        titre: str,
        *,
        type: Modele = Modele.DEMANDE_COMPLEMENTS,
        pour: str = SEPT,
        dossier_id: str = "d1",
        document_id: str | None = None,
    ) -> str:
        id_ = f"n{len(self.notifications) + 1}"
        pieces = [PieceJointe(document_id=document_id, nom_fichier="decision.pdf")] if document_id else []
        demande = type is Modele.DEMANDE_COMPLEMENTS
        contenu = ContenuNotification(
            salutation="Bonjour SEPT ETRANGER",
            paragraphes=[f"Texte de « {titre} »."],
            introduction_pieces="Les documents mentionnés ci-dessous ne sont pas lisibles :"
            if demande
            else None,
            pieces_demandees=[
                PieceDemandee(
                    piece="justificatif_nationalite",
                    libelle="Justificatif de nationalité",
                    observation="Veuillez fournir une copie lisible de votre passeport.",
                )
            ]
            if demande
            else [],
            avertissement=AVERTISSEMENT if demande else None,
            signature=["L'agent Instructeur", "Ministère de l'Intérieur et des Outre-Mer"],
        )
        notification = NotificationDetail(
            id=id_,
            type=type,
            titre=titre,
            libelle=titre,
            date=MOMENT + timedelta(minutes=len(self.notifications)),
            etat=EtatNotification.NON_LUE,
            lue_le=None,
            repondue_le=None,
            attend_reponse=demande,
            dossier_id=dossier_id,
            numero_demande="5901202308180000190",
            contenu=contenu,
            pieces_jointes=pieces,
        )
        self.notifications.append((pour, notification))
        return id_

    def _disponible(self, acteur: str) -> None:
        self.acteurs.append(acteur)
        if self.indisponible:
            raise ServiceUnavailable("Service notifier injoignable.")

    def _siennes(self, acteur: str, lecture: FiltreLecture) -> list[NotificationDetail]:
        siennes = [n for pour, n in reversed(self.notifications) if pour == acteur]
        if lecture is FiltreLecture.LUES:
            return [n for n in siennes if n.lue_le is not None]
        if lecture is FiltreLecture.NON_LUES:
            return [n for n in siennes if n.lue_le is None]
        return siennes

    async def non_lues(self, acteur: str, *, nombre: int) -> PageNotifications:
        return await self.lister(acteur, lecture=FiltreLecture.NON_LUES, page=1, par_page=nombre)

    async def lister(
        self, acteur: str, *, lecture: FiltreLecture, page: int, par_page: int
    ) -> PageNotifications:
        self._disponible(acteur)
        siennes = self._siennes(acteur, lecture)
        debut = (page - 1) * par_page
        elements = [
            NotificationResume.model_validate(n.model_dump()) for n in siennes[debut : debut + par_page]
        ]
        pages = max(1, -(-len(siennes) // par_page))
        return PageNotifications(
            elements=elements, total=len(siennes), page=page, par_page=par_page, pages=pages
        )

    async def ouvrir(self, acteur: str, notification_id: str) -> NotificationDetail:
        self._disponible(acteur)
        for i, (pour, notification) in enumerate(self.notifications):
            if notification.id == notification_id and pour == acteur:
                if notification.lue_le is None:
                    notification = notification.model_copy(
                        update={
                            "lue_le": LECTURE,
                            "etat": EtatNotification.LUE,
                            "mention": "Lu le 14/09/2023",
                        }
                    )
                    self.notifications[i] = (pour, notification)
                return notification
        raise NotFound(404, "Notification introuvable.")

    async def ouvrir_demande(
        self, acteur: str, dossier_id: str, numero: int, *, nombre: int
    ) -> OuvertureDemande:
        self._disponible(acteur)
        demandes = sorted(
            (
                n
                for n in self._siennes(acteur, FiltreLecture.TOUTES)
                if n.type is Modele.DEMANDE_COMPLEMENTS and n.dossier_id == dossier_id
            ),
            key=lambda n: n.date,
        )
        demande = await self.ouvrir(acteur, demandes[numero - 1].id) if 0 < numero <= len(demandes) else None
        return OuvertureDemande(demande=demande, cloche=await self.non_lues(acteur, nombre=nombre))

    async def demandes_de_complement(self, acteur: str) -> list[NotificationResume]:
        self._disponible(acteur)
        siennes = self._siennes(acteur, FiltreLecture.TOUTES)
        return [
            NotificationResume.model_validate(n.model_dump())
            for n in siennes
            if n.type is Modele.DEMANDE_COMPLEMENTS
        ]

    def noter_reponse(self, notification_id: str) -> None:
        """What the notifier does on the dossier's `complements-deposes` event."""
        for i, (pour, notification) in enumerate(self.notifications):
            if notification.id == notification_id:
                update = {"repondue_le": LECTURE, "etat": EtatNotification.REPONDUE, "attend_reponse": False}
                self.notifications[i] = (pour, notification.model_copy(update=update))
