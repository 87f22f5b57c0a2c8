"""The console's errors as French pages: reserved area (403), unknown object (404), ended instance (409)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

from services.backoffice.api.pages import Pages
from services.backoffice.domain.console.acces import AccesConsoleRefuse
from services.backoffice.domain.console.ports import InstanceTerminee
from services.backoffice.usecases.console.definitions import DefinitionIntrouvable
from services.backoffice.usecases.console.instances import IncidentIntrouvable, InstanceIntrouvable

RESERVE = (
    "Accès réservé",
    "La console du processus est réservée aux responsables du processus et aux administrateurs.",
)
INTROUVABLE = ("Page non trouvée", "La page que vous cherchez est introuvable.")
TERMINEE = ("Instance terminée", "Cette instance est déjà terminée : il n'y a rien à annuler.")
INCIDENT_RESOLU = ("Incident déjà traité", "Cet incident n'est plus ouvert : il a déjà été résolu.")


def install_console_errors(app: FastAPI, pages: Pages) -> None:
    def render(request: Request, status: int, titre: str, message: str) -> Response:
        return pages.render(request, "erreur.html", status=status, titre=titre, message=message, code=status)

    @app.exception_handler(AccesConsoleRefuse)
    async def reserve(request: Request, exc: AccesConsoleRefuse) -> Response:
        return render(request, 403, *RESERVE)

    @app.exception_handler(DefinitionIntrouvable)
    async def definition(request: Request, exc: DefinitionIntrouvable) -> Response:
        return render(request, 404, *INTROUVABLE)

    @app.exception_handler(InstanceIntrouvable)
    async def instance(request: Request, exc: InstanceIntrouvable) -> Response:
        return render(request, 404, *INTROUVABLE)

    @app.exception_handler(IncidentIntrouvable)
    async def incident(request: Request, exc: IncidentIntrouvable) -> Response:
        return render(request, 409, *INCIDENT_RESOLU)

    @app.exception_handler(InstanceTerminee)
    async def terminee(request: Request, exc: InstanceTerminee) -> Response:
        return render(request, 409, *TERMINEE)
