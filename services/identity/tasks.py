"""identity's job worker: the register learns of the titles the process issues."""

from __future__ import annotations

import logging
from typing import Any

from pyzeebe import ZeebeTaskRouter

from contracts.process import JobType
from services.identity.dependances import Dependances
from services.identity.usecases.titres import enregistrer_titre

log = logging.getLogger(__name__)


def build_task_router(deps: Dependances) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()

    @router.task(task_type=JobType.IDENTITY_ENREGISTRER_TITRE)
    def enregistrer_titre_delivre(
        dossierId: str,  # process variables are camelCase
        decision: str,
        demandeur: dict[str, Any] | None = None,
        demandeurId: str | None = None,
    ) -> dict[str, Any]:
        """Favourable decision: record the pluriannual card in the register, once per dossier."""
        with deps.transactions() as depots:
            titre = enregistrer_titre(
                depots=depots,
                outils=deps.outils,
                dossier_id=dossierId,
                decision=decision,
                demandeur=demandeur,
                demandeur_id=demandeurId,
            )
        log.info(
            "titre enregistré" if titre else "aucun titre à enregistrer", extra={"dossier_id": dossierId}
        )
        return {}

    return router
