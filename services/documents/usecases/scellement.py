"""Sealing: at the deposit (and at the end of each complement round) the current documents are frozen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from contracts.documents import Evenement
from services.documents.domain.acces import code_prefecture
from services.documents.storage.registre import Registre
from services.documents.storage.repository import SqlDocumentsRepository
from services.documents.usecases.commun import maintenant

log = logging.getLogger(__name__)


async def sceller(
    *,
    registre: Registre,
    dossier_id: str,
    prefecture: str | None = None,
    horloge: Callable[[], datetime] = maintenant,
) -> int:
    """Freeze the dossier's current files and close any complement round; answer how many are frozen.

    Idempotent: sealing again changes nothing and gives the same count. The préfecture the process
    knows at deposit (e.g. « prefecture-59 ») replaces the one given with the first document.
    """

    def sceller_dossier(repo: SqlDocumentsRepository) -> int:
        dossier = repo.dossier(dossier_id, verrou=True)
        if dossier is None:
            log.warning("scellement d'un dossier sans document", extra={"dossier_id": dossier_id})
            return 0
        quand = horloge()
        scelle = dossier.sceller(quand, code_prefecture(prefecture))
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

    return await registre(sceller_dossier)
