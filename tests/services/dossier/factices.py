"""Test doubles of the dossier's ports: a fixed clock, an engine and a documents service in memory."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pyzeebe import Job

from contracts.clients.base import ServiceUnavailable
from contracts.documents import DocumentGenere, PieceCode, PieceManquante, PiecesDossier
from contracts.dossier import Cas
from contracts.identity import Adresse, FicheDemandeur
from plumbing.clock import day_in_france
from services.dossier.domain.numero import departement_de
from services.dossier.tasks import build_task_router
from services.dossier.wiring import DossierParts


class HorlogeFixe:
    def __init__(self, instant: datetime) -> None:
        self.instant = instant

    def now(self) -> datetime:
        return self.instant

    def today(self) -> date:
        return day_in_france(self.instant)

    def avancer(self, **duree: float) -> None:
        self.instant += timedelta(**duree)


def horloge_du_18_aout_2023() -> HorlogeFixe:
    return HorlogeFixe(datetime(2023, 8, 18, 9, 30, tzinfo=UTC))


@dataclass
class MessagePublie:
    nom: str
    cle_correlation: str
    variables: dict[str, Any]
    message_id: str


@dataclass
class MoteurFactice:
    """Records calls; fails the next `pannes` calls, like an engine that is down for a while."""

    pannes: int = 0
    demarrages: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    messages: list[MessagePublie] = field(default_factory=list)
    annulees: list[int] = field(default_factory=list)
    instances: dict[str, int] = field(default_factory=dict)  # dossierId -> process instance key
    _cles: Any = field(default_factory=lambda: itertools.count(2251799813685249))
    _ids_vus: set[str] = field(default_factory=set)

    def _peut_etre_en_panne(self) -> None:
        if self.pannes:
            self.pannes -= 1
            raise ConnectionError("moteur injoignable")

    async def create_instance(self, process_id: str, variables: dict[str, Any]) -> int:
        self._peut_etre_en_panne()
        self.demarrages.append((process_id, variables))
        cle = int(next(self._cles))
        self.instances.setdefault(variables["dossierId"], cle)
        return cle

    async def publish_message(
        self, name: str, correlation_key: str, variables: dict[str, Any], message_id: str
    ) -> None:
        self._peut_etre_en_panne()
        if message_id in self._ids_vus:  # what Zeebe does with a messageId still buffered
            return
        self._ids_vus.add(message_id)
        self.messages.append(MessagePublie(name, correlation_key, variables, message_id))

    async def cancel_instance(self, process_instance_key: int) -> None:
        self.annulees.append(process_instance_key)


@dataclass
class PiecesFactices:
    """The documents service: every piece present unless listed in `manquantes_par_dossier`."""

    manquantes_par_dossier: dict[str, list[PieceManquante]] = field(default_factory=dict)
    remplacees: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    ouvertures: list[tuple[str, int, list[str]]] = field(default_factory=list)
    verifications: list[tuple[str, Cas]] = field(default_factory=list)
    documents_indisponibles: bool = False

    async def manquantes(self, dossier_id: str, *, cas: Cas) -> list[PieceManquante]:
        self.verifications.append((dossier_id, cas))
        return list(self.manquantes_par_dossier.get(dossier_id, []))

    async def ouvrir_complements(self, dossier_id: str, *, ronde: int, pieces: list[str]) -> None:
        self.ouvertures.append((dossier_id, ronde, pieces))

    async def pieces_remplacees(self, dossier_id: str, *, ronde: int) -> set[str]:
        return set(self.remplacees.get((dossier_id, ronde), set()))

    async def documents(self, dossier_id: str) -> tuple[PiecesDossier, list[DocumentGenere]]:
        if self.documents_indisponibles:
            raise ServiceUnavailable("documents injoignable")
        return PiecesDossier(dossier_id=dossier_id, scelle=True, pieces=[]), []


PASSEPORT_MANQUANT = PieceManquante(
    code=PieceCode.JUSTIFICATIF_NATIONALITE, libelle="Justificatif de nationalité"
)


_cles_jobs = itertools.count(4503599627370497)


def job(
    type_job: str,
    variables: dict[str, Any],
    headers: dict[str, str] | None = None,
    *,
    key: int | None = None,
    process_instance_key: int = 2251799813685249,
) -> Job:
    """A job as pyzeebe hands it to a task handler."""
    return Job(
        key=key if key is not None else next(_cles_jobs),
        type=type_job,
        process_instance_key=process_instance_key,
        bpmn_process_id="renouvellement-titre-sejour-ase",
        process_definition_version=1,
        process_definition_key=1,
        element_id="tache",
        element_instance_key=1,
        custom_headers=headers or {},
        worker="test",
        retries=3,
        deadline=0,
        variables=variables,
    )


async def traiter(composants: DossierParts, tache: Job) -> dict[str, Any]:
    """Run a job through the dossier's task router, as the worker does (variables, headers, output)."""
    router = build_task_router(composants.tasks)
    return dict(await router.get_task(tache.type).original_function(tache))  # type: ignore[union-attr]


@dataclass
class FichesFactices:
    """identity's fiches in memory: tests change an address (a declared move) or a title."""

    fiches: dict[str, FicheDemandeur] = field(default_factory=dict)
    lectures: int = 0

    async def fiche(self, demandeur_id: str) -> FicheDemandeur:
        self.lectures += 1
        if demandeur_id not in self.fiches:
            raise ServiceUnavailable("Service identity : requête refusée (HTTP 404).")
        return self.fiches[demandeur_id]

    def demenager(self, demandeur_id: str, adresse: Adresse) -> None:
        fiche = self.fiches[demandeur_id]
        prefecture = departement_de(adresse, fiche.prefecture)
        self.fiches[demandeur_id] = fiche.model_copy(update={"adresse": adresse, "prefecture": prefecture})
