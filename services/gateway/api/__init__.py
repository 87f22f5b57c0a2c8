"""The site's pages (`build_pages_router`), its security and its error pages."""

from __future__ import annotations

from fastapi import APIRouter

from services.gateway.api.accueil import build_accueil_router
from services.gateway.api.complements import build_complements_router
from services.gateway.api.compte import build_compte_router
from services.gateway.api.confirmation import build_confirmation_router
from services.gateway.api.connexion import build_connexion_router
from services.gateway.api.demande import build_demande_router
from services.gateway.api.deps import GatewayDeps
from services.gateway.api.etapes import build_etapes_router
from services.gateway.api.justificatifs import build_justificatifs_router
from services.gateway.api.mot_de_passe import build_mot_de_passe_router
from services.gateway.api.notifications import build_notifications_router
from services.gateway.api.situation import build_situation_router
from services.gateway.api.suivi import build_suivi_router


def build_pages_router(deps: GatewayDeps) -> APIRouter:
    """One flat router: FastAPI matches an included router's routes again at each level of
    inclusion, on every request (a fifth of a page's CPU with twelve included routers)."""
    router = APIRouter()
    for build in (
        build_demande_router,
        build_notifications_router,
        build_situation_router,
        build_accueil_router,
        build_connexion_router,
        build_compte_router,
        build_mot_de_passe_router,
        build_etapes_router,
        build_justificatifs_router,
        build_confirmation_router,
        build_suivi_router,
        build_complements_router,
    ):
        router.routes.extend(build(deps).routes)
    return router
