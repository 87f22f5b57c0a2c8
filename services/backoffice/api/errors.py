"""French error pages: not found (another préfecture's task too), refused form, unavailable service."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from plumbing.dsfr import error_pages
from services.backoffice.api.deps import ConnexionRequise, FormulaireRefuse
from services.backoffice.api.pages import Pages
from services.backoffice.domain.acces import TacheDejaAssignee, TacheIntrouvable
from services.backoffice.domain.formulaires import FormulaireNonPris
from services.backoffice.domain.instruction import TacheNonAssignee, ValideurEtExaminateur

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
    501: (
        "Formulaire non pris en charge",
        "Le formulaire de cette tâche utilise des éléments que l'espace agents ne sait pas vérifier.",
    ),
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

    @app.exception_handler(TacheNonAssignee)
    async def not_assigned(request: Request, exc: TacheNonAssignee) -> Response:
        message = (
            "Prenez la tâche avant de la terminer : seul l'agent à qui elle est assignée peut la terminer."
        )
        return render(request, 409, "Tâche non prise", message)

    @app.exception_handler(ValideurEtExaminateur)
    async def four_eyes(request: Request, exc: ValideurEtExaminateur) -> Response:
        message = (
            "Vous avez examiné cette demande : la décision que vous avez proposée doit être validée "
            "par un autre agent. Rendez la tâche pour qu'un autre valideur la prenne."
        )
        return render(request, 403, "Validation par un autre agent", message)

    @app.exception_handler(FormulaireNonPris)
    async def unsupported_form(request: Request, exc: FormulaireNonPris) -> Response:
        log.warning("formulaire non pris en charge", extra={"error": str(exc)})
        return page(request, 501)
