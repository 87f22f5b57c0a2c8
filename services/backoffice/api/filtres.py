"""The tasklist's query string read as `FiltresTaches`: a date that is not one is ignored and said."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import Request

from services.backoffice.domain.taches import FiltresTaches, Tri

CHAMPS_DATES = {
    "echeance_du": "Échéance du",
    "echeance_au": "Échéance au",
    "suivi_du": "Suivi du",
    "suivi_au": "Suivi au",
}
MAX_TEXTE = 200


def lire_filtres(request: Request) -> tuple[FiltresTaches, dict[str, str]]:
    """The filters and, for each date field refused, its French message."""
    params = request.query_params
    erreurs: dict[str, str] = {}
    dates: dict[str, date | None] = {}
    for champ, libelle in CHAMPS_DATES.items():
        texte = params.get(champ, "").strip()[:MAX_TEXTE]
        try:
            dates[champ] = date.fromisoformat(texte) if texte else None
        except ValueError:
            dates[champ], erreurs[champ] = None, f"« {libelle} » : saisissez une date au format JJ/MM/AAAA."
    for debut, fin in (("echeance_du", "echeance_au"), ("suivi_du", "suivi_au")):
        premier, dernier = dates[debut], dates[fin]
        if premier and dernier and premier > dernier:
            erreurs[fin] = f"« {CHAMPS_DATES[fin]} » doit être après « {CHAMPS_DATES[debut]} »."
            dates[fin] = None
    tri = params.get("tri", "")
    filtres = FiltresTaches(
        processus=params.get("processus", "").strip()[:MAX_TEXTE] or None,
        tache=params.get("tache", "").strip()[:MAX_TEXTE] or None,
        tri=Tri(tri) if tri in Tri._value2member_map_ else Tri.ECHEANCE,
        **dates,
    )
    return filtres, erreurs


def parametres(filtres: FiltresTaches) -> dict[str, str]:
    """The filters as the query string says them (what the views and pages keep)."""
    valeurs = {
        "processus": filtres.processus,
        "tache": filtres.tache,
        "echeance_du": filtres.echeance_du.isoformat() if filtres.echeance_du else None,
        "echeance_au": filtres.echeance_au.isoformat() if filtres.echeance_au else None,
        "suivi_du": filtres.suivi_du.isoformat() if filtres.suivi_du else None,
        "suivi_au": filtres.suivi_au.isoformat() if filtres.suivi_au else None,
        "tri": filtres.tri.value if filtres.tri is not Tri.ECHEANCE else None,
    }
    return {cle: valeur for cle, valeur in valeurs.items() if valeur}


def url_liste(vue: str, filtres: FiltresTaches, page: int = 1) -> str:
    valeurs = {"vue": vue, **parametres(filtres), **({"page": str(page)} if page > 1 else {})}
    return f"/taches?{urlencode(valeurs)}"
