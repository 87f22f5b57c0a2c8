"""The service's parts, wired once in `main` (or by a test) and shared by the API and the worker."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from plumbing.database import create_database_engine, create_session_factory
from services.documents.domain.stockage import StockageFichiers
from services.documents.settings import DocumentsSettings
from services.documents.stockage.systeme_fichiers import StockageSystemeFichiers
from services.documents.storage.registre import Registre
from services.documents.usecases.complements import Complements
from services.documents.usecases.generes import DocumentsGeneres
from services.documents.usecases.justificatifs import Justificatifs


@dataclass(frozen=True)
class Dependances:
    engine: Engine
    registre: Registre
    stockage: StockageFichiers
    justificatifs: Justificatifs
    complements: Complements
    generes: DocumentsGeneres


def construire_dependances(
    settings: DocumentsSettings, stockage: StockageFichiers | None = None
) -> Dependances:
    """Everything but the NATS connection; `stockage` defaults to the directory of the settings."""
    engine = create_database_engine(settings.database())
    registre = Registre(create_session_factory(engine))
    stockage = stockage or StockageSystemeFichiers(settings.repertoire)
    return Dependances(
        engine=engine,
        registre=registre,
        stockage=stockage,
        justificatifs=Justificatifs(registre, stockage),
        complements=Complements(registre, stockage),
        generes=DocumentsGeneres(registre, stockage),
    )
