"""Rendering a page: the template, the visitor, the CSRF token and the form's values and errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from contracts.identity import FicheDemandeur, SessionCourante
from contracts.notifier import NotificationResume
from plumbing.dsfr.security import Security
from services.gateway.domain.formulaires import Erreurs


@dataclass(frozen=True)
class Visiteur:
    """A signed-in applicant, as the header shows them: name and bell."""

    session: SessionCourante
    jeton: str
    non_lues: int | None  # None: the notifier did not answer, the bell shows no count
    dernieres: list[NotificationResume]

    @property
    def fiche(self) -> FicheDemandeur:
        """The applicant's fiche (a Visiteur is always an applicant: `GatewayDeps.connecte`)."""
        assert self.session.demandeur is not None
        return self.session.demandeur

    @property
    def nom_affiche(self) -> str:
        """« SEPT ETRANGER », as in the guide's header."""
        fiche = self.session.demandeur
        if fiche is None:
            return ""
        return f"{fiche.etat_civil.prenoms} {fiche.etat_civil.nom_naissance}".upper()


PARIS = ZoneInfo("Europe/Paris")


def date_fr(moment: datetime | date) -> str:
    """12/09/2023, in Paris time, as the guide's lists show dates (a date is a day already)."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(PARIS)
    return moment.strftime("%d/%m/%Y")


class Pages:
    def __init__(self, templates: Jinja2Templates, security: Security, franceconnect_url: str) -> None:
        self.templates, self.security, self.franceconnect_url = templates, security, franceconnect_url
        templates.env.filters["date_fr"] = date_fr
        # Compiled once at start, not by the first visitors; never looked at again on disk (a stat
        # of every template a page extends or imports, on every page): a change needs a restart.
        templates.env.auto_reload = False
        for name in templates.env.list_templates(extensions=["html"]):
            templates.env.get_template(name)

    def render(
        self,
        request: Request,
        template: str,
        *,
        status: int = 200,
        valeurs: dict[str, str] | None = None,
        erreurs: Erreurs | None = None,
        visiteur: Visiteur | None = None,
        **context: Any,
    ) -> HTMLResponse:
        context |= {
            "csrf_token": self.security.csrf_token(request),
            "valeurs": valeurs or {},
            "erreurs": erreurs or Erreurs(),
            "visiteur": visiteur,
            "franceconnect_url": self.franceconnect_url,
        }
        return self.templates.TemplateResponse(request, template, context, status_code=status)
