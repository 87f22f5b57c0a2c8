"""The process owners' console: `build_console_router`, its error pages and its static assets."""

from __future__ import annotations

from fastapi import APIRouter

from services.backoffice.api.console.definitions import build_definitions_router
from services.backoffice.api.console.deploiement import build_deploiement_router
from services.backoffice.api.console.deps import ConsoleDeps
from services.backoffice.api.console.instances import build_instances_router
from services.backoffice.api.console.statiques import build_statiques_router


def build_console_router(deps: ConsoleDeps) -> APIRouter:
    router = APIRouter()
    for sous_routeur in (
        build_definitions_router(deps),
        build_deploiement_router(deps),
        build_instances_router(deps),
        build_statiques_router(),
    ):
        router.include_router(sous_routeur)
    return router
