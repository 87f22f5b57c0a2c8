"""The instance list's filters, read from the page's query string and turned into Camunda's search.

Bad values are not an error page: the filter is left out and the form says why, in French.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.backoffice.domain.console.modeles import ETATS_INSTANCE

PARIS = ZoneInfo("Europe/Paris")
PAR_PAGE = 20
MAX_PAGE = 500
INCIDENT = {"oui": True, "non": False}


@dataclass(frozen=True)
class FiltreInstances:
    processus: str = ""
    version: int | None = None
    etat: str = ""
    incident: bool | None = None
    du: date | None = None
    au: date | None = None
    page: int = 1
    erreurs: dict[str, str] = field(default_factory=dict)

    def recherche(self) -> dict[str, Any]:
        """Camunda's `POST /v2/process-instances/search` body: newest first, one page."""
        filtre: dict[str, Any] = {}
        if self.processus:
            filtre["processDefinitionId"] = self.processus
        if self.version is not None:
            filtre["processDefinitionVersion"] = self.version
        if self.etat:
            filtre["state"] = self.etat
        if self.incident is not None:
            filtre["hasIncident"] = self.incident
        debut: dict[str, str] = {}
        if self.du:
            debut["$gte"] = _minuit(self.du)
        if self.au:
            debut["$lt"] = _minuit(self.au + timedelta(days=1))
        if debut:
            filtre["startDate"] = debut
        return {
            "filter": filtre,
            "sort": [{"field": "startDate", "order": "DESC"}],
            "page": {"from": (self.page - 1) * PAR_PAGE, "limit": PAR_PAGE},
        }

    def parametres(self, **changes: Any) -> dict[str, str]:
        """The query string of this filter (for the pages' links), with some values changed."""
        valeurs = {
            "processus": self.processus,
            "version": "" if self.version is None else str(self.version),
            "etat": self.etat,
            "incident": {True: "oui", False: "non", None: ""}[self.incident],
            "du": self.du.isoformat() if self.du else "",
            "au": self.au.isoformat() if self.au else "",
            "page": str(self.page),
        }
        valeurs.update({cle: str(valeur) for cle, valeur in changes.items()})
        return {cle: v for cle, v in valeurs.items() if v and not (cle == "page" and v == "1")}


def _minuit(jour: date) -> str:
    """Midnight in France that day, as the engine's UTC date-times."""
    return datetime.combine(jour, time(0), PARIS).isoformat()


def _jour(texte: str) -> date | None:
    try:
        return date.fromisoformat(texte)
    except ValueError:
        return None


def lire_filtre(parametres: dict[str, str]) -> FiltreInstances:
    erreurs: dict[str, str] = {}
    processus = parametres.get("processus", "").strip()[:200]
    version: int | None = None
    if texte := parametres.get("version", "").strip():
        if texte.isascii() and texte.isdigit() and 0 < int(texte) < 100_000:
            version = int(texte)
        else:
            erreurs["version"] = "La version est un nombre entier, par exemple 2."
    etat = parametres.get("etat", "")
    if etat not in ETATS_INSTANCE:
        etat = ""
    incident = INCIDENT.get(parametres.get("incident", ""))
    bornes: dict[str, date | None] = {}
    for nom in ("du", "au"):
        texte = parametres.get(nom, "").strip()
        bornes[nom] = _jour(texte) if texte else None
        if texte and bornes[nom] is None:
            erreurs[nom] = "Saisissez une date valide, par exemple 2026-12-31."
    if bornes["du"] and bornes["au"] and bornes["du"] > bornes["au"]:
        erreurs["au"] = "La date de fin doit être postérieure ou égale à la date de début."
        bornes["au"] = None
    texte_page = parametres.get("page", "1")
    page = int(texte_page) if texte_page.isascii() and texte_page.isdigit() else 1
    return FiltreInstances(
        processus, version, etat, incident, bornes["du"], bornes["au"], min(max(page, 1), MAX_PAGE), erreurs
    )
