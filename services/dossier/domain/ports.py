"""What the dossier's use cases need from the outside: storage, the engine, the documents service.

Storage (`storage/`) and adapters (`adapters/`, `plumbing`) implement these Protocols; use cases
are typed against them only. The clock is `plumbing.clock.Clock`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from contracts.documents import DocumentGenere, PieceManquante, PiecesDossier
from contracts.dossier import Cas, Statut
from contracts.identity import FicheDemandeur
from services.dossier.domain.actions import ActionNotee
from services.dossier.domain.complements import RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.statuts import Transition

T = TypeVar("T")


class DossierRepository(Protocol):
    def charger(self, dossier_id: str) -> Dossier | None: ...

    def en_cours_du_demandeur(self, demandeur_id: str) -> Dossier | None: ...

    def du_demandeur(self, demandeur_id: str) -> list[Dossier]: ...

    def des_prefectures(
        self,
        prefectures: frozenset[str] | None,
        *,
        statut: Statut | None = None,
        cas: Cas | None = None,
        numero_demande: str | None = None,
        page: int = 1,
        par_page: int = 20,
    ) -> tuple[list[Dossier], int]:
        """Deposited dossiers of the given préfectures (all when None), most recent first; the total."""
        ...

    def ajouter(self, dossier: Dossier) -> None: ...

    def enregistrer(self, dossier: Dossier) -> None:
        """Save a dossier read in this unit of work, with its pending history and events.

        Raises `plumbing.unit_of_work.ConcurrentUpdate` when another writer saved it meanwhile.
        """
        ...

    def lier_instance(self, dossier_id: str, process_instance_key: int) -> int:
        """Bind the dossier to its process instance, first come first served; the bound key."""
        ...

    def historique(self, dossier_id: str) -> list[Transition]: ...


class RondeRepository(Protocol):
    def charger(self, dossier_id: str, numero: int) -> RondeComplements | None: ...

    def du_dossier(self, dossier_id: str) -> list[RondeComplements]: ...

    def prochain_numero(self, dossier_id: str) -> int: ...

    def ajouter(self, ronde: RondeComplements) -> None: ...

    def enregistrer(self, ronde: RondeComplements) -> None: ...


class ActionsAgents(Protocol):
    """The agents' audit trail, append only."""

    def ajouter(self, action: ActionNotee) -> None: ...

    def du_dossier(self, dossier_id: str) -> list[ActionNotee]:
        """Oldest first."""
        ...


class Sequences(Protocol):
    def suivant(self, cle: str) -> int:
        """Next value of a daily counter of application numbers."""
        ...


class JobsTraites(Protocol):
    """The memory of jobs already handled: a job delivered twice answers what it answered first."""

    def resultat(self, job_key: int) -> dict[str, Any] | None: ...

    def noter(
        self, job_key: int, *, type_job: str, dossier_id: str, resultat: dict[str, Any], maintenant: datetime
    ) -> None: ...


class CommandesMoteur(Protocol):
    """Engine calls recorded in the unit of work and made after its commit, once in effect."""

    def creer_instance(
        self, commande_id: str, process_id: str, variables: dict[str, Any], *, maintenant: datetime
    ) -> None: ...

    def publier_message(
        self,
        commande_id: str,
        nom: str,
        cle_correlation: str,
        variables: dict[str, Any],
        *,
        maintenant: datetime,
    ) -> None: ...


class Repositories(Protocol):
    """The repositories of one unit of work, sharing its transaction."""

    @property
    def dossiers(self) -> DossierRepository: ...

    @property
    def rondes(self) -> RondeRepository: ...

    @property
    def actions(self) -> ActionsAgents: ...

    @property
    def sequences(self) -> Sequences: ...

    @property
    def jobs(self) -> JobsTraites: ...

    @property
    def commandes_moteur(self) -> CommandesMoteur: ...


class Transactions(Protocol):
    """`plumbing.unit_of_work.UnitOfWork`: a use case in one transaction, started over on a conflict."""

    async def run_async(self, use_case: Callable[[Repositories], T]) -> T: ...


class EnvoiCommandesMoteur(Protocol):
    """`plumbing.engine_outbox.EngineCommandRelay`: send a committed engine command now."""

    async def send(self, command_id: str) -> bool:
        """True once the command is done; never raises (the relay's loop retries it)."""
        ...


class PiecesJustificatives(Protocol):
    """The pieces of a dossier, owned by the documents service.

    Raises `contracts.clients.base.ServiceUnavailable` when the documents service cannot answer.
    """

    async def manquantes(self, dossier_id: str, *, cas: Cas) -> list[PieceManquante]:
        """The required pieces still missing for this case."""
        ...

    async def ouvrir_complements(self, dossier_id: str, *, ronde: int, pieces: list[str]) -> None:
        """Allow new versions of these pieces in complement round `ronde` (idempotent)."""
        ...

    async def pieces_remplacees(self, dossier_id: str, *, ronde: int) -> set[str]:
        """Codes of the pieces that got a new file in complement round `ronde`."""
        ...

    async def documents(self, dossier_id: str) -> tuple[PiecesDossier, list[DocumentGenere]]:
        """Every piece of the dossier with its versions, and the PDFs generated for it."""
        ...


class FichesDemandeurs(Protocol):
    """The applicants' fiches, owned by identity: civil status, the register's address, the title.

    Raises `contracts.clients.base.ServiceUnavailable` when identity cannot answer.
    """

    async def fiche(self, demandeur_id: str) -> FicheDemandeur:
        """The fiche as the register holds it now (a declared move included)."""
        ...
