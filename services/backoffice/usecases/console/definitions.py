"""The process definitions and their versions, one definition's diagram and linked forms."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby

from plumbing.actors import Actor
from services.backoffice.domain.console.acces import exiger_console
from services.backoffice.domain.console.formulaires import FormulaireLie, formulaires_lies
from services.backoffice.domain.console.modeles import Definition
from services.backoffice.domain.console.ports import Referentiel


class DefinitionIntrouvable(Exception):
    """No such process definition (or the key is not one)."""


@dataclass(frozen=True)
class Processus:
    """A process and its versions, newest first."""

    versions: list[Definition]

    @property
    def derniere(self) -> Definition:
        return self.versions[0]


@dataclass(frozen=True)
class FicheDefinition:
    definition: Definition
    autres_versions: list[Definition]
    formulaires: list[FormulaireLie]


async def processus(*, agent: Actor, referentiel: Referentiel) -> list[Processus]:
    exiger_console(agent)
    definitions = sorted(await referentiel.definitions(), key=lambda d: (d.processus_id, -d.version))
    return [Processus(list(versions)) for _, versions in groupby(definitions, key=lambda d: d.processus_id)]


async def fiche_definition(*, agent: Actor, cle: str, referentiel: Referentiel) -> FicheDefinition:
    exiger_console(agent)
    definition = await referentiel.definition(cle)
    xml = await referentiel.xml(cle) if definition else None
    if definition is None or xml is None:
        raise DefinitionIntrouvable(cle)
    versions = [d for d in await referentiel.definitions() if d.processus_id == definition.processus_id]
    autres = sorted((d for d in versions if d.cle != cle), key=lambda d: -d.version)
    formulaires = [
        replace(lie, schema=await referentiel.formulaire(cle, lie.tache_id)) if lie.formulaire_id else lie
        for lie in formulaires_lies(xml)
    ]
    return FicheDefinition(definition, autres, formulaires)


async def xml_de(*, agent: Actor, cle: str, referentiel: Referentiel) -> str:
    exiger_console(agent)
    xml = await referentiel.xml(cle)
    if xml is None:
        raise DefinitionIntrouvable(cle)
    return xml
