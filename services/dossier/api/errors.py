"""The one table of the dossier's errors → HTTP statuses and French bodies (installed by plumbing.web).

Request validation (422 with `erreurs`) is plumbing.web's; anything not listed answers 500.
"""

from __future__ import annotations

from typing import Any

from contracts.clients.base import ServiceUnavailable
from contracts.dossier import TITRE_NON_ELIGIBLE, Manquant, RefusDepot
from plumbing.unit_of_work import ConcurrentUpdate
from plumbing.web import ErrorAnswer
from services.dossier.domain.erreurs import (
    ActionReservee,
    DemandeurNonEligible,
    DepotIncomplet,
    DossierIntrouvable,
    ErreurDossier,
    EtatIncompatible,
    SaisieInvalide,
)

MODIFICATION_CONCURRENTE = "La demande a été modifiée en même temps par ailleurs : veuillez réessayer."
DOCUMENTS_INDISPONIBLES = "Le service des justificatifs est momentanément indisponible. Veuillez réessayer."


def _detail(status: int) -> ErrorAnswer:
    def answer(error: ErreurDossier) -> tuple[int, dict[str, Any]]:
        return status, {"detail": error.message}

    return answer


def _saisie_invalide(error: SaisieInvalide) -> tuple[int, dict[str, Any]]:
    erreurs = [{"champ": e.champ, "message": e.message} for e in error.erreurs]
    titre = {"titre": TITRE_NON_ELIGIBLE} if isinstance(error, DemandeurNonEligible) else {}
    return 422, {"detail": error.message, "erreurs": erreurs, **titre}


def _depot_incomplet(error: DepotIncomplet) -> tuple[int, dict[str, Any]]:
    manquants = [Manquant(etape=m.etape, champ=m.champ, libelle=m.libelle) for m in error.manquants]
    return 422, RefusDepot(detail=error.message, manquants=manquants).model_dump(mode="json")


ERREURS: dict[type[Exception], ErrorAnswer] = {
    DossierIntrouvable: _detail(404),
    ActionReservee: _detail(403),
    EtatIncompatible: _detail(409),
    SaisieInvalide: _saisie_invalide,
    DepotIncomplet: _depot_incomplet,
    # Writers that collided more often than the unit of work starts over.
    ConcurrentUpdate: lambda _error: (409, {"detail": MODIFICATION_CONCURRENTE}),
    ServiceUnavailable: lambda _error: (503, {"detail": DOCUMENTS_INDISPONIBLES}),
}
