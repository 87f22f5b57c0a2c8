"""The one table of the notifier's domain errors → HTTP statuses, answered `{"detail": "<français>"}`."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from services.notifier.domain.acces import ActionReservee, DemandeurAPreciser
from services.notifier.domain.notifications import NotificationIntrouvable, ReponseImpossible
from services.notifier.usecases.echecs import EchecIntrouvable

STATUSES: dict[type[Exception], int] = {
    NotificationIntrouvable: 404,  # absent, or not the actor's: the same answer
    EchecIntrouvable: 404,
    ActionReservee: 403,
    ReponseImpossible: 409,
    DemandeurAPreciser: 422,
}


async def domain_error(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse(status_code=STATUSES[type(error)], content={"detail": str(error)})


# For `plumbing.web.create_app(..., exception_handlers=EXCEPTION_HANDLERS)`.
EXCEPTION_HANDLERS = dict.fromkeys(STATUSES, domain_error)
