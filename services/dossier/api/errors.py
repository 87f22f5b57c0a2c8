"""The one table of the dossier's errors → HTTP statuses and French bodies (installed by plumbing.web).

Request validation (422 with `erreurs`) is plumbing.web's; anything not listed answers 500.
"""

from __future__ import annotations

from typing import Any

from contracts.clients.base import ServiceUnavailable
from contracts.dossier import TITRE_NON_ELIGIBLE, Manquant, RefusDepot
from plumbing.unit_of_work import ConcurrentUpdate
from plumbing.web import ErrorTable, detail, fixed
from services.dossier.domain.erreurs import (
    ActionReservee,
    DemandeurNonEligible,
    DepotIncomplet,
    DossierIntrouvable,
    EtatIncompatible,
    SaisieInvalide,
)

MODIFICATION_CONCURRENTE = "La demande a été modifiée en même temps par ailleurs : veuillez réessayer."
SERVICE_INDISPONIBLE = "Un service de la plateforme est momentanément indisponible. Veuillez réessayer."


def _saisie_invalide(error: SaisieInvalide) -> tuple[int, dict[str, Any]]:
    erreurs = [{"champ": e.champ, "message": e.message} for e in error.erreurs]
    titre = {"titre": TITRE_NON_ELIGIBLE} if isinstance(error, DemandeurNonEligible) else {}
    return 422, {"detail": error.message, "erreurs": erreurs, **titre}


def _depot_incomplet(error: DepotIncomplet) -> tuple[int, dict[str, Any]]:
    manquants = [Manquant(etape=m.etape, champ=m.champ, libelle=m.libelle) for m in error.manquants]
    return 422, RefusDepot(detail=error.message, manquants=manquants).model_dump(mode="json")


ERREURS: ErrorTable = {
    DossierIntrouvable: detail(404),
    ActionReservee: detail(403),
    EtatIncompatible: detail(409),
    SaisieInvalide: _saisie_invalide,
    DepotIncomplet: _depot_incomplet,
    # Writers that collided more often than the unit of work starts over.
    ConcurrentUpdate: fixed(409, MODIFICATION_CONCURRENTE),
    ServiceUnavailable: fixed(503, SERVICE_INDISPONIBLE),
}
