"""French error pages: not found (another préfecture's task too), refused form, unavailable service."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from contracts.clients.base import NotFound, ServiceUnavailable
from services.backoffice.api.deps import ConnexionRequise, FormulaireRefuse
from services.backoffice.api.pages import Pages
from services.backoffice.domain.acces import TacheDejaAssignee, TacheIntrouvable

log = logging.getLogger(__name__)

INTROUVABLE = ("Page non trouvée", "La page que vous cherchez est introuvable.")
PAGES = {
    403: (
        "Formulaire non envoyé",
        "Pour votre sécurité, ce formulaire n'a pas été envoyé : la page était ouverte depuis trop "
        "longtemps ou a été modifiée. Rechargez la page et recommencez.",
    ),
    404: INTROUVABLE,
    405: INTROUVABLE,
    409: ("Tâche déjà prise", "Un autre agent a pris cette tâche avant vous."),
    500: ("Erreur inattendue", "Le service rencontre un problème ; réessayez dans quelques instants."),
    503: (
        "Service indisponible",
        "Le service est momentanément indisponible. Veuillez réessayer dans quelques minutes.",
    ),
}


def install_error_pages(app: FastAPI, pages: Pages) -> None:
    """Replace plumbing.web's JSON errors by pages (the JSON probes keep their own answers)."""

    def page(request: Request, status: int) -> Response:
        titre, message = PAGES.get(status, PAGES[500])
        return pages.render(request, "erreur.html", status=status, titre=titre, message=message, code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return page(request, exc.status_code if exc.status_code in PAGES else 500)

    @app.exception_handler(ConnexionRequise)
    async def sign_in(request: Request, exc: ConnexionRequise) -> Response:
        return RedirectResponse("/connexion", status_code=303)

    @app.exception_handler(FormulaireRefuse)
    async def refused_form(request: Request, exc: FormulaireRefuse) -> Response:
        return page(request, 403)

    @app.exception_handler(TacheIntrouvable)
    async def unknown_task(request: Request, exc: TacheIntrouvable) -> Response:
        return page(request, 404)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return page(request, 404)

    @app.exception_handler(TacheDejaAssignee)
    async def taken(request: Request, exc: TacheDejaAssignee) -> Response:
        return page(request, 409)

    @app.exception_handler(ServiceUnavailable)
    async def unavailable(request: Request, exc: ServiceUnavailable) -> Response:
        log.warning("service indisponible", extra={"error": str(exc)})
        response = page(request, 503)
        response.headers["Retry-After"] = "60"
        return response

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("erreur interne", extra={"error": type(exc).__name__})
        return page(request, 500)
