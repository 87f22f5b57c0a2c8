"""The one table of the errors that prevent a rendering, and their French answers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.pdf.domain.erreurs import ApercuReserve, DocumentImpossible, DonneesInvalides, ModeleInconnu
from services.pdf.domain.ports import DepotIndisponible

CATALOGUE_INDISPONIBLE = (
    "Le catalogue des pièces justificatives est momentanément indisponible, réessayez plus tard."
)
# The most specific first: a refusal of the documents service (DepotRefuse) is a 502.
STATUTS: list[tuple[type[Exception], int]] = [
    (ModeleInconnu, 404),
    (DonneesInvalides, 422),
    (ApercuReserve, 403),
    (DepotIndisponible, 503),
    (DocumentImpossible, 502),
]


def install_errors(app: FastAPI) -> None:
    for erreur, _statut in STATUTS:
        app.add_exception_handler(erreur, repondre)


async def repondre(_request: Request, erreur: Exception) -> JSONResponse:
    statut = next(statut for type_erreur, statut in STATUTS if isinstance(erreur, type_erreur))
    return JSONResponse(status_code=statut, content=corps(erreur))


def corps(erreur: Exception) -> dict[str, Any]:
    if isinstance(erreur, DepotIndisponible):
        return {"detail": CATALOGUE_INDISPONIBLE}
    if isinstance(erreur, DonneesInvalides):
        erreurs = [{"champ": champ, "message": etat} for champ, etat in erreur.champs]
        return {"detail": str(erreur), "erreurs": erreurs}
    return {"detail": str(erreur)}
