"""The one table of the errors that prevent a rendering, and their French answers."""

from __future__ import annotations

from typing import Any

from plumbing.web import ErrorTable, detail, fixed
from services.pdf.domain.erreurs import ApercuReserve, DocumentImpossible, DonneesInvalides, ModeleInconnu
from services.pdf.domain.ports import DepotIndisponible

CATALOGUE_INDISPONIBLE = (
    "Le catalogue des pièces justificatives est momentanément indisponible, réessayez plus tard."
)


def donnees_invalides(erreur: DonneesInvalides) -> tuple[int, dict[str, Any]]:
    erreurs = [{"champ": champ, "message": etat} for champ, etat in erreur.champs]
    return 422, {"detail": str(erreur), "erreurs": erreurs}


ERREURS: ErrorTable = {
    ModeleInconnu: detail(404),
    DonneesInvalides: donnees_invalides,
    ApercuReserve: detail(403),
    DepotIndisponible: fixed(503, CATALOGUE_INDISPONIBLE),
    DocumentImpossible: detail(502),  # e.g. the documents service refused the request
}
