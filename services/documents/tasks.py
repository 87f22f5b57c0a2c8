"""documents' job worker: `documents.sceller` freezes a dossier's documents at deposit."""

from typing import Any

from pyzeebe import ZeebeTaskRouter

from contracts.process import JobType
from services.documents.storage.registre import Registre
from services.documents.usecases.scellement import sceller


def build_task_router(registre: Registre) -> ZeebeTaskRouter:
    router = ZeebeTaskRouter()

    @router.task(task_type=JobType.DOCUMENTS_SCELLER, timeout_ms=60_000)  # type: ignore[arg-type]  # pyzeebe overloads
    async def sceller_documents(dossierId: str, prefecture: str | None = None) -> dict[str, Any]:
        """in: dossierId (and prefecture, known since `dossier.enregistrer`). out: documentsScelles."""
        return {
            "documentsScelles": await sceller(registre=registre, dossier_id=dossierId, prefecture=prefecture)
        }

    return router
