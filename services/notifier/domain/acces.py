"""Who may see and do what with notifications: the notifier's one access rule.

An applicant sees their own notifications, an agent those of their préfectures, the platform any
of them. Anything else does not exist for the actor (404), so that identifiers cannot be probed.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.variables import groupe_prefecture
from plumbing.actors import Actor
from services.notifier.domain.notifications import Notification


class ActionReservee(Exception):
    """The actor may not do this at all (403), whatever the notification."""


class DemandeurAPreciser(ValueError):
    """A query on behalf of an applicant that does not say which one."""


@dataclass(frozen=True)
class Portee:
    """Whose notifications a query may return: one applicant's, or a set of préfectures'."""

    demandeur_id: str | None = None
    prefectures: frozenset[str] | None = None  # None: no restriction (the platform itself)

    def couvre(self, notification: Notification) -> bool:
        if self.demandeur_id is not None and notification.demandeur_id != self.demandeur_id:
            return False
        return self.prefectures is None or notification.prefecture in self.prefectures


def portee(acteur: Actor, demandeur: str | None = None) -> Portee:
    """An applicant sees their own notifications, an agent those of their préfectures (by
    département or by group name), the platform those of the applicant it names, if it names one."""
    if acteur.is_applicant:
        return Portee(demandeur_id=acteur.id)
    if acteur.is_agent:
        groupes = {groupe_prefecture(p) for p in acteur.prefectures}
        return Portee(demandeur_id=demandeur, prefectures=frozenset(acteur.prefectures | groupes))
    return Portee(demandeur_id=demandeur)


def demandeur_du_compteur(acteur: Actor, demandeur: str | None) -> str:
    """The bell's count is the applicant's, or one the platform asks for by name; not an agent's."""
    if acteur.is_agent:
        raise ActionReservee("Réservé au demandeur et à la plateforme.")
    demandeur_id = acteur.id if acteur.is_applicant else demandeur
    if not demandeur_id:
        raise DemandeurAPreciser("Précisez le demandeur.")
    return demandeur_id


def exiger_administrateur(acteur: Actor) -> None:
    """Dead letters are for the platform and its administrators."""
    if not (acteur.is_service or (acteur.is_agent and "admin" in acteur.roles)):
        raise ActionReservee("Accès réservé aux administrateurs.")
