"""The one table of identity's refusals and their HTTP statuses, answered `{"detail": "<français>"}`."""

from __future__ import annotations

from contracts.clients.base import ServiceUnavailable
from plumbing.web import ErrorTable, detail, fixed
from services.identity.domain.erreurs import (
    ActionReservee,
    DonneesInvalides,
    ErreurIdentite,
    IdentifiantsIncorrects,
    Introuvable,
    LienInvalide,
    MotDePasseRefuse,
    SessionInvalide,
    TitreIntrouvable,
    TropDeTentatives,
)

LOCKOUT = {"Retry-After": "900"}
SERVICE_INDISPONIBLE = "Le service des justificatifs est momentanément indisponible. Veuillez réessayer."  # the default lockout: 15 minutes

ERREURS: ErrorTable = {
    ErreurIdentite: detail(400),
    DonneesInvalides: detail(422),
    MotDePasseRefuse: detail(422),
    TitreIntrouvable: detail(422),
    LienInvalide: detail(400),
    IdentifiantsIncorrects: detail(401),
    SessionInvalide: detail(401),
    ActionReservee: detail(403),
    Introuvable: detail(404),
    TropDeTentatives: detail(429, LOCKOUT),
    ServiceUnavailable: fixed(503, SERVICE_INDISPONIBLE),  # documents, for a proof of address
}
