"""Wiring: the use cases, the engine relay and the task handlers, built from their ports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from services.dossier.api import DependancesApi
from services.dossier.execution import Execution
from services.dossier.ports import Horloge, MoteurProcessus, PiecesJustificatives
from services.dossier.relais import RelaisCommandes
from services.dossier.settings import DossierSettings
from services.dossier.storage.registres import Stockage
from services.dossier.tasks import Taches
from services.dossier.usecases.complements import ReponsesComplements
from services.dossier.usecases.depot import Depot


@dataclass(frozen=True)
class Composants:
    stockage: Stockage
    execution: Execution
    relais: RelaisCommandes
    api: DependancesApi
    taches: Taches


def assembler(
    *,
    settings: DossierSettings,
    sessions: sessionmaker[Session],
    moteur: MoteurProcessus,
    pieces: PiecesJustificatives,
    horloge: Horloge,
) -> Composants:
    stockage = Stockage(sessions)
    execution = Execution(stockage, horloge)
    relais = RelaisCommandes(stockage, moteur, horloge, bail=timedelta(seconds=settings.relais_bail))
    api = DependancesApi(
        execution=execution,
        depot=Depot(execution, pieces, relais),
        reponses=ReponsesComplements(execution, pieces, relais),
    )
    taches = Taches(execution, pieces, moteur, settings.guichet)
    return Composants(stockage, execution, relais, api, taches)
