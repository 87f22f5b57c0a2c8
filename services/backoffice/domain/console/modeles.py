"""What the console shows, read from the engine: definitions, instances, their elements, incidents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

T = TypeVar("T")

ETATS_INSTANCE = {"ACTIVE": "En cours", "COMPLETED": "Terminée", "TERMINATED": "Annulée"}
ETATS_ELEMENT = {"ACTIVE": "Actif", "COMPLETED": "Terminé", "TERMINATED": "Interrompu"}


@dataclass(frozen=True)
class Definition:
    cle: str
    processus_id: str
    nom: str | None
    version: int
    ressource: str

    @property
    def libelle(self) -> str:
        return self.nom or self.processus_id


@dataclass(frozen=True)
class Instance:
    cle: str
    definition: str
    processus_id: str
    nom: str | None
    version: int
    etat: str
    debut: datetime | None
    fin: datetime | None
    incident: bool

    @property
    def etat_libelle(self) -> str:
        return ETATS_INSTANCE.get(self.etat, self.etat)


@dataclass(frozen=True)
class Element:
    cle: str
    element_id: str
    nom: str | None
    type: str
    etat: str
    debut: datetime | None
    fin: datetime | None
    incident: bool

    @property
    def etat_libelle(self) -> str:
        return ETATS_ELEMENT.get(self.etat, self.etat)


@dataclass(frozen=True)
class Incident:
    cle: str
    type: str
    message: str
    element_id: str
    element_instance: str
    job: str | None
    etat: str
    cree_le: datetime | None


@dataclass(frozen=True)
class Variable:
    nom: str
    valeur: str  # JSON text, as the engine keeps it
    tronquee: bool
    portee: str


@dataclass(frozen=True)
class Page(Generic[T]):
    elements: list[T]
    total: int


@dataclass(frozen=True)
class Deploiement:
    """The definitions a deployment created (a new version each, or the same one when unchanged)."""

    definitions: list[tuple[str, str, int]]  # (key, process id, version)
