"""The one table of the notifier's domain errors → HTTP statuses, answered `{"detail": "<français>"}`."""

from __future__ import annotations

from plumbing.web import ErrorTable, detail
from services.notifier.domain.acces import ActionReservee, DemandeurAPreciser
from services.notifier.domain.notifications import NotificationIntrouvable, ReponseImpossible
from services.notifier.usecases.echecs import EchecIntrouvable

ERREURS: ErrorTable = {
    NotificationIntrouvable: detail(404),  # absent, or not the actor's: the same answer
    EchecIntrouvable: detail(404),
    ActionReservee: detail(403),
    ReponseImpossible: detail(409),
    DemandeurAPreciser: detail(422),
}
