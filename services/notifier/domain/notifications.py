"""An in-app notification of the applicant's "espace personnel", and what may happen to it."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date as Jour
from datetime import datetime

from contracts.notifier import (
    ContenuNotification,
    EtatNotification,
    FiltreLecture,
    PieceJointe,
)
from contracts.process import Modele
from contracts.variables import Duree
from plumbing.clock import day_in_france

MODELES_A_REPONDRE = frozenset({Modele.DEMANDE_COMPLEMENTS})


class NotificationIntrouvable(Exception):
    """No such notification, or not one the actor may see (both answer 404)."""


class ReponseImpossible(Exception):
    """The notification does not expect an answer, or has not been opened yet."""


@dataclass(frozen=True)
class Notification:
    id: str
    demandeur_id: str
    dossier_id: str | None
    numero_demande: str | None
    prefecture: str | None
    modele: Modele
    titre: str
    contenu: ContenuNotification
    pieces_jointes: tuple[PieceJointe, ...]
    cree_le: datetime
    lue_le: datetime | None = None
    repondue_le: datetime | None = None
    job_key: str | None = None

    @property
    def etat(self) -> EtatNotification:
        if self.repondue_le is not None:
            return EtatNotification.REPONDUE
        if self.lue_le is not None:
            return EtatNotification.LUE
        return EtatNotification.NON_LUE

    @property
    def libelle(self) -> str:
        """The line of "Mes Notifications", in the seed's words ("Demande de complément répondu")."""
        if self.etat is EtatNotification.REPONDUE:
            return f"{self.titre} répondu"
        if self.etat is EtatNotification.LUE:
            return f"{self.titre} lue"
        return self.titre

    @property
    def mention(self) -> str | None:
        """ "Lu le 12/09/2023" or "Répondu le 12/09/2023", the day in Paris."""
        if self.repondue_le is not None:
            return f"Répondu le {day_in_france(self.repondue_le):%d/%m/%Y}"
        if self.lue_le is not None:
            return f"Lu le {day_in_france(self.lue_le):%d/%m/%Y}"
        return None

    @property
    def attend_reponse(self) -> bool:
        return self.modele in MODELES_A_REPONDRE and self.repondue_le is None

    @property
    def date(self) -> datetime:
        return self.cree_le

    @property
    def ronde(self) -> int | None:
        return self.contenu.ronde

    @property
    def date_limite_reponse(self) -> Jour | None:
        """The last day to answer a demande de compléments: the model's delay from its opening."""
        if self.lue_le is None or not self.contenu.delai_reponse:
            return None
        return Duree.iso(self.contenu.delai_reponse).apres(day_in_france(self.lue_le))

    @property
    def type(self) -> Modele:
        return self.modele

    def ouverte(self, le: datetime) -> Notification:
        """The first opening only is recorded: it is the acknowledgement of receipt."""
        return self if self.lue_le is not None else replace(self, lue_le=le)

    def repondue(self, le: datetime) -> Notification:
        """Answered (the dossier recorded « Valider et envoyer »): answering is knowing it, so an
        unopened one is read at the same time."""
        if self.modele not in MODELES_A_REPONDRE:
            raise ReponseImpossible("Cette notification n'attend pas de réponse.")
        if self.repondue_le is not None:
            return self
        return replace(self, lue_le=self.lue_le or le, repondue_le=le)


@dataclass(frozen=True)
class Filtre:
    """Which of an applicant's notifications a list shows, and which page of them."""

    lecture: FiltreLecture = FiltreLecture.TOUTES
    type: Modele | None = None
    page: int = 1
    par_page: int = 10

    @property
    def decalage(self) -> int:
        return (self.page - 1) * self.par_page


@dataclass(frozen=True)
class Page:
    elements: list[Notification]
    total: int
    page: int
    par_page: int

    @property
    def pages(self) -> int:
        """At least one page, as the seed shows "1 sur 1" for an empty or short list."""
        return max(1, math.ceil(self.total / self.par_page))
