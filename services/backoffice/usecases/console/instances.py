"""An instance's page (its path, tokens, incidents, variables), retrying an incident, cancelling."""

from __future__ import annotations

from dataclasses import dataclass

from plumbing.actors import Actor
from services.backoffice.domain.console.acces import exiger_console, voit_les_valeurs
from services.backoffice.domain.console.modeles import Element, Incident, Instance, Variable
from services.backoffice.domain.console.ports import Attente, Referentiel

ESSAIS_APRES_REPRISE = 1  # as Camunda Operate: one more attempt
ATTENTE_S = 0.25
VERIFICATIONS = 12  # ~3 s to see whether the retried job fails again


class InstanceIntrouvable(Exception):
    """No such instance (or the key is not one)."""


class IncidentIntrouvable(Exception):
    """No active incident with this key on this instance (already resolved, or another's)."""


@dataclass(frozen=True)
class FicheInstance:
    instance: Instance
    elements: list[Element]
    incidents: list[Incident]
    variables: list[Variable]
    valeurs_visibles: bool = False  # applicants' data: admins, or the owner of the instance's préfecture

    @property
    def actifs(self) -> list[str]:
        return sorted({e.element_id for e in self.elements if e.etat == "ACTIVE" and e.type != "PROCESS"})

    @property
    def parcourus(self) -> list[str]:
        return sorted({e.element_id for e in self.elements if e.etat == "COMPLETED" and e.type != "PROCESS"})

    @property
    def en_incident(self) -> list[str]:
        return sorted({i.element_id for i in self.incidents})

    @property
    def historique(self) -> list[Element]:
        return [e for e in self.elements if e.type != "PROCESS"]


@dataclass(frozen=True)
class Reprise:
    """What became of a retried incident: failed again (with the new message), done, or still running."""

    nouvel_incident: Incident | None
    termine: bool

    @property
    def en_cours(self) -> bool:
        return self.nouvel_incident is None and not self.termine


async def _instance(referentiel: Referentiel, cle: str) -> Instance:
    instance = await referentiel.instance(cle)
    if instance is None:
        raise InstanceIntrouvable(cle)
    return instance


async def fiche_instance(*, agent: Actor, cle: str, referentiel: Referentiel) -> FicheInstance:
    exiger_console(agent)
    instance = await _instance(referentiel, cle)
    variables = await referentiel.variables(cle)
    return FicheInstance(
        instance,
        await referentiel.elements(cle),
        await referentiel.incidents(cle),
        variables,
        voit_les_valeurs(agent, variables, instance.cle),
    )


async def reessayer_incident(
    *, agent: Actor, instance: str, incident: str, referentiel: Referentiel, attendre: Attente
) -> Reprise:
    """New retries for the failed job, the incident resolved, then a look at what happens next."""
    exiger_console(agent)
    await _instance(referentiel, instance)
    ouvert = next((i for i in await referentiel.incidents(instance) if i.cle == incident), None)
    if ouvert is None:
        raise IncidentIntrouvable(incident)
    if ouvert.job is not None:
        await referentiel.reessayer_job(ouvert.job, ESSAIS_APRES_REPRISE)
    await referentiel.resoudre(ouvert.cle)
    for _ in range(VERIFICATIONS):
        await attendre(ATTENTE_S)
        nouveaux = [
            i
            for i in await referentiel.incidents(instance)
            if i.element_instance == ouvert.element_instance and i.cle != ouvert.cle
        ]
        if nouveaux:
            return Reprise(nouveaux[0], termine=False)
        element = [e for e in await referentiel.elements(instance) if e.cle == ouvert.element_instance]
        if element and element[0].etat != "ACTIVE":
            return Reprise(None, termine=True)
    return Reprise(None, termine=False)


async def annuler_instance(*, agent: Actor, cle: str, referentiel: Referentiel) -> Instance:
    exiger_console(agent)
    instance = await _instance(referentiel, cle)
    await referentiel.annuler(cle)
    return instance
