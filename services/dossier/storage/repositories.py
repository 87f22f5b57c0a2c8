"""The repositories of one unit of work (`plumbing.unit_of_work.UnitOfWork`), sharing its session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from contracts.process import Variable
from plumbing.engine_outbox import EngineCommand, EngineCommandOutbox
from services.dossier.storage.actions import SqlActionsAgents
from services.dossier.storage.dossiers import SqlDossierRepository
from services.dossier.storage.rondes import SqlRondesRepository
from services.dossier.storage.tables import engine_commands
from services.dossier.storage.travaux import SqlJobsTraites, SqlSequences

ENGINE_COMMANDS = EngineCommandOutbox(engine_commands)


class SqlCommandesMoteur:
    """`CommandesMoteur` on the engine-command outbox (`dossier_engine_commands`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def creer_instance(
        self, commande_id: str, process_id: str, variables: dict[str, Any], *, maintenant: datetime
    ) -> None:
        command = EngineCommand(commande_id, "create-instance", process_id, variables)
        ENGINE_COMMANDS.add(self.session, command, maintenant)

    def publier_message(
        self,
        commande_id: str,
        nom: str,
        cle_correlation: str,
        variables: dict[str, Any],
        *,
        maintenant: datetime,
    ) -> None:
        command = EngineCommand(commande_id, "publish-message", nom, variables, cle_correlation)
        ENGINE_COMMANDS.add(self.session, command, maintenant)


class SqlRepositories:
    """`domain.ports.Repositories` over one session; the factory of the dossier's unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dossiers = SqlDossierRepository(session)
        self.rondes = SqlRondesRepository(session)
        self.actions = SqlActionsAgents(session)
        self.sequences = SqlSequences(session)
        self.jobs = SqlJobsTraites(session)
        self.commandes_moteur = SqlCommandesMoteur(session)


def premiere_instance_liee(session: Session, command: EngineCommand, instance_key: int) -> bool:
    """`on_instance_created` of the relay: the first instance to claim the dossier is kept."""
    dossier_id = str(command.variables[Variable.DOSSIER_ID.value])
    return SqlDossierRepository(session).lier_instance(dossier_id, instance_key) == instance_key
