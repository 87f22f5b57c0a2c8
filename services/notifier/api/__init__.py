"""The notifier's internal API (routes in `contracts.notifier`, client in `contracts.clients.notifier`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from plumbing.authentication import REFUS_ACTEUR
from services.notifier.api.courriels import build_courriels_router
from services.notifier.api.notifications import build_notifications_router

if TYPE_CHECKING:
    from services.notifier.wiring import NotifierDeps


def build_api_router(deps: NotifierDeps) -> APIRouter:
    router = APIRouter(responses=REFUS_ACTEUR)
    router.include_router(build_notifications_router(deps))
    router.include_router(build_courriels_router(deps))
    return router
