"""French error pages: page not found, unexpected error, service momentarily unavailable."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from plumbing.dsfr import error_pages
from services.gateway.api.deps import ConnexionRequise, FormulairePerime, Redirection
from services.gateway.api.formulaire import CSRF_REFUSE
from services.gateway.api.pages import Pages

log = logging.getLogger(__name__)

PAGES = {
    404: (
        "Page non trouvée",
        "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
    ),
    405: (
        "Page non trouvée",
        "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
    ),
    500: (
        "Erreur inattendue",
        "Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement "
        "possible. Les informations déjà enregistrées sont conservées.",
    ),
    503: (
        "Service indisponible",
        "Le service est momentanément indisponible. Veuillez réessayer dans quelques minutes : "
        "les informations déjà enregistrées sont conservées.",
    ),
}


def install_error_pages(app: FastAPI, pages: Pages) -> None:
    """Replace plumbing.web's JSON errors by pages (the JSON probes keep their own answers)."""

    def render(request: Request, status: int, titre: str, message: str) -> Response:
        return pages.render(request, "erreur.html", status=status, titre=titre, message=message, code=status)

    error_pages.install_error_pages(app, render, PAGES)

    @app.exception_handler(ConnexionRequise)
    async def sign_in(request: Request, exc: ConnexionRequise) -> Response:
        if isinstance(exc, FormulairePerime):
            titre = "Formulaire non envoyé"
            return pages.render(request, "erreur.html", status=403, titre=titre, message=CSRF_REFUSE)
        return RedirectResponse("/connexion", status_code=303)

    @app.exception_handler(Redirection)
    async def redirect(request: Request, exc: Redirection) -> Response:
        return RedirectResponse(exc.url, status_code=303)
