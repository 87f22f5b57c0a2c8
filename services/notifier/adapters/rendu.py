"""Render e-mails from Jinja2 templates (`templates/courriels/<modele>.txt.j2` and `.html.j2`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, select_autoescape

from plumbing.clock import PARIS
from services.notifier.domain.courriels import SUJETS, Courriel, DemandeEnvoi, Fichier, ModeleIntrouvable

TEMPLATES = Path(__file__).parents[1] / "templates" / "courriels"


def date_heure(value: object) -> str:
    """An ISO date-time as the French read it, in Paris time: `18/08/2023 à 14h30`."""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(PARIS)
    return f"{local:%d/%m/%Y} à {local:%H}h{local:%M}"


class JinjaRedacteur:
    def __init__(self, directory: Path = TEMPLATES) -> None:
        self.env = Environment(
            loader=FileSystemLoader(directory),
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["date_heure"] = date_heure

    def rediger(self, demande: DemandeEnvoi, fichiers: tuple[Fichier, ...] = ()) -> Courriel:
        sujet = SUJETS[demande.modele]
        context = {
            "prenoms": "",
            "nom": "",
            "lien": "",
            "expiration": "",
            "identifiant": "",
            **demande.donnees,
            "sujet": sujet,
            "pieces_jointes": [f.nom for f in fichiers],
        }
        try:
            texte = self.env.get_template(f"{demande.modele.value}.txt.j2").render(context)
            html = self.env.get_template(f"{demande.modele.value}.html.j2").render(context)
        except TemplateNotFound as missing:
            raise ModeleIntrouvable(str(missing)) from None
        return Courriel(
            destinataire=demande.destinataire,
            sujet=sujet,
            texte=texte,
            html=html,
            idempotence=demande.idempotence,
            pieces_jointes=fichiers,
        )
