"""The sink's web page (French): the list of received e-mails, each readable; JSON for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from devtools.smtp_sink.boite import BoiteAuxLettres, Mail, MailIntrouvable
from plumbing.web import create_app
from services.notifier.adapters.rendu import date_heure

TEMPLATES = Path(__file__).parent / "templates"
# The HTML part is shown in a sandboxed frame: no script, no request leaves the page.
CSP_COURRIEL = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def en_json(mail: Mail) -> dict[str, Any]:
    return {
        "id": mail.id,
        "date": mail.date.isoformat(),
        "de": mail.expediteur,
        "a": mail.destinataires,
        "sujet": mail.sujet,
        "texte": mail.texte,
        "html": mail.html,
    }


def build_sink_app(boite: BoiteAuxLettres) -> FastAPI:
    app = create_app("smtp-sink")
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html.j2",)))
    env.filters["date_heure"] = date_heure

    def lire(mail_id: str) -> Mail:
        try:
            return boite.lire(mail_id)
        except MailIntrouvable:
            raise HTTPException(status_code=404, detail="Courriel introuvable.") from None

    @app.get("/", response_class=HTMLResponse)
    def liste() -> str:
        return env.get_template("liste.html.j2").render(titre="Courriels reçus", mails=boite.lister())

    @app.get("/mails/{mail_id}", response_class=HTMLResponse)
    def mail(mail_id: str) -> str:
        found = lire(mail_id)
        return env.get_template("mail.html.j2").render(titre=found.sujet, mail=found)

    @app.get("/mails/{mail_id}/html")
    def html(mail_id: str) -> Response:
        body = lire(mail_id).html
        return HTMLResponse(body, headers={"Content-Security-Policy": CSP_COURRIEL})

    @app.get("/mails/{mail_id}/brut")
    def brut(mail_id: str) -> Response:
        lire(mail_id)
        headers = {"Content-Disposition": f'attachment; filename="{mail_id}.eml"'}
        return Response(boite.brut(mail_id), media_type="message/rfc822", headers=headers)

    @app.get("/api/mails")
    def api_liste() -> list[dict[str, Any]]:
        return [en_json(m) for m in boite.lister()]

    @app.get("/api/mails/{mail_id}")
    def api_mail(mail_id: str) -> dict[str, Any]:
        return en_json(lire(mail_id))

    @app.delete("/api/mails")
    def api_vider() -> dict[str, int]:
        return {"supprimes": boite.vider()}

    return app
