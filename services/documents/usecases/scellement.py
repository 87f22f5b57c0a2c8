"""Sealing: at the deposit (and at the end of each complement round) the current documents are frozen."""

from __future__ import annotations

import logging

from contracts.documents import Evenement
from plumbing.clock import Clock, SystemClock
from services.documents.domain.acces import departement
from services.documents.domain.ports import DocumentsRepository, DocumentsTransactions

log = logging.getLogger(__name__)


async def sceller(
    *,
    transactions: DocumentsTransactions,
    dossier_id: str,
    prefecture: str | None = None,
    clock: Clock | None = None,
) -> int:
    """Freeze the dossier's current files and close any complement round; answer how many are frozen.

    What the agent examines must not change under their eyes. Idempotent: sealing again changes
    nothing and gives the same count. The préfecture the process knows at deposit (e.g.
    « prefecture-59 ») replaces the one given with the first document.
    """
    quand = (clock or SystemClock()).now()

    def sceller_dossier(repo: DocumentsRepository) -> int:
        dossier = repo.dossier(dossier_id, verrou=True)
        if dossier is None:
            log.warning("scellement d'un dossier sans document", extra={"dossier_id": dossier_id})
            return 0
        scelle = dossier.sceller(quand, departement(prefecture))
        a_figer = [f for f in repo.fichiers(dossier_id) if f.courant and f.scelle_le is None]
        nombre = repo.sceller_fichiers(dossier_id, quand)
        if scelle != dossier:
            repo.enregistrer_dossier(scelle)
        if a_figer or not dossier.depose or dossier.ronde_ouverte is not None:
            payload = {
                "dossierId": dossier_id,
                "documentsScelles": nombre,
                "ronde": dossier.ronde_ouverte or 0,
            }
            repo.publier(Evenement.SCELLE, payload)
        return nombre

    return await transactions.run_async(sceller_dossier)
