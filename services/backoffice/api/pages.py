"""Rendering a page: the template, the signed-in agent and the CSRF token of its forms."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from contracts.dossier import (
    LIBELLES_ATTESTATION,
    LIBELLES_CAS,
    LIBELLES_REPONSE_COMPLEMENT,
    LIBELLES_SITUATION_FAMILIALE,
)
from plumbing.dsfr.security import Security
from services.backoffice.domain.dossier import DOCUMENTS_DE_L_ADMINISTRATION, apercu

PARIS = ZoneInfo("Europe/Paris")


def date_fr(moment: datetime | None) -> str:
    """12/09/2023 14:05, in Paris time; « — » when there is none."""
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if moment else "—"


def jour_fr(jour: date | None) -> str:
    """12/09/2023; « — » when there is none."""
    return jour.strftime("%d/%m/%Y") if jour else "—"


LIBELLES = {
    "attestations": LIBELLES_ATTESTATION,
    "cas": LIBELLES_CAS,
    "reponses": LIBELLES_REPONSE_COMPLEMENT,
    "situations": LIBELLES_SITUATION_FAMILIALE,
    "documents": DOCUMENTS_DE_L_ADMINISTRATION,
}


class Pages:
    def __init__(self, templates: Jinja2Templates, security: Security) -> None:
        self.templates, self.security = templates, security
        templates.env.filters["date_fr"] = date_fr
        templates.env.filters["jour_fr"] = jour_fr
        templates.env.filters["apercu"] = apercu
        templates.env.globals["libelles"] = LIBELLES

    def render(self, request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("agent", None)
        context["csrf_token"] = self.security.csrf_token(request)
        return self.templates.TemplateResponse(request, template, context, status_code=status)
