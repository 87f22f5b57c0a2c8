"""The one table of the service's errors → HTTP answers `{"detail": "<message en français>"}`."""

from __future__ import annotations

import logging
from typing import Any

from plumbing.web import ErrorTable, detail
from services.documents.domain.erreurs import (
    AntivirusIndisponible,
    Conflit,
    ContenuActif,
    ErreurDocuments,
    FichierIllisible,
    FichierInfecte,
    FichierTropVolumineux,
    FormatRefuse,
    ImageTropGrande,
    Interdit,
    Introuvable,
    Invalide,
)
from services.documents.domain.ports import BlobNotFound

log = logging.getLogger(__name__)

CONTENU_INDISPONIBLE = "Le fichier est momentanément indisponible. Veuillez réessayer plus tard."


def contenu_perdu(_error: BlobNotFound) -> tuple[int, dict[str, Any]]:
    """A row points at a content the blob store does not have: the operators must know, the user may retry."""
    log.error("contenu introuvable dans le stockage des fichiers")
    return 503, {"detail": CONTENU_INDISPONIBLE}


ERREURS: ErrorTable = {
    ErreurDocuments: detail(400),
    Introuvable: detail(404),
    Interdit: detail(403),
    Conflit: detail(409),
    Invalide: detail(422),
    FormatRefuse: detail(415),
    FichierTropVolumineux: detail(413),
    FichierIllisible: detail(422),
    ImageTropGrande: detail(422),
    ContenuActif: detail(422),
    FichierInfecte: detail(422),
    AntivirusIndisponible: detail(503),
    BlobNotFound: contenu_perdu,
}
