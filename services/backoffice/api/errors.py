"""French error pages: not found (another préfecture's task too), refused form, unavailable service."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from plumbing.dsfr import error_pages
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

    def render(request: Request, status: int, titre: str, message: str) -> Response:
        return pages.render(request, "erreur.html", status=status, titre=titre, message=message, code=status)

    page = error_pages.install_error_pages(app, render, PAGES)

    @app.exception_handler(ConnexionRequise)
    async def sign_in(request: Request, exc: ConnexionRequise) -> Response:
        return RedirectResponse("/connexion", status_code=303)

    @app.exception_handler(FormulaireRefuse)
    async def refused_form(request: Request, exc: FormulaireRefuse) -> Response:
        return page(request, 403)

    @app.exception_handler(TacheIntrouvable)
    async def unknown_task(request: Request, exc: TacheIntrouvable) -> Response:
        return page(request, 404)

    @app.exception_handler(TacheDejaAssignee)
    async def taken(request: Request, exc: TacheDejaAssignee) -> Response:
        return page(request, 409)
