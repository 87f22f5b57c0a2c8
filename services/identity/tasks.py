"""identity's job worker: the register learns of the titles the process issues."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pyzeebe import ZeebeTaskRouter

from contracts.jobs import NoVariables
from contracts.jobs.identity import ENREGISTRER_TITRE, EnregistrerTitre
from plumbing.worker import TypedJob, register_job
from services.identity.usecases.titres import enregistrer_titre

if TYPE_CHECKING:
    from services.identity.wiring import IdentityParts

log = logging.getLogger(__name__)


def build_task_router(parts: IdentityParts) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()

    async def enregistrer_titre_delivre(job: TypedJob[EnregistrerTitre, NoVariables]) -> NoVariables:
        """Favourable decision: record the pluriannual card in the register, once per dossier."""
        entree = job.variables
        titre = await parts.unit_of_work.run_async(
            lambda depots: enregistrer_titre(
                depots=depots,
                dossier_id=entree.dossier_id,
                decision=entree.decision,
                date_decision=entree.date_decision,
                demandeur=entree.demandeur,
                demandeur_id=entree.demandeur_id,
            )
        )
        message = "titre enregistré" if titre else "aucun titre à enregistrer"
        log.info(message, extra={"dossier_id": entree.dossier_id, "numero_demande": entree.numero_demande})
        return NoVariables()

    register_job(router, ENREGISTRER_TITRE, enregistrer_titre_delivre)
    return router
