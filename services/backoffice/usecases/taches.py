"""Listing, claiming and unclaiming tasks: every action checks the task is the agent's préfecture's."""

from __future__ import annotations

import asyncio

from plumbing.actors import Actor
from services.backoffice.domain.acces import (
    TacheDejaAssignee,
    TacheIntrouvable,
    a_besoin_de_l_instance,
    groupes_de,
    peut_voir,
)
from services.backoffice.domain.ports import Moteur
from services.backoffice.domain.taches import ChoixFiltres, FiltresTaches, ListeTaches, Tache


async def _visibles(agent: Actor, moteur: Moteur, taches: list[Tache]) -> list[Tache]:
    """Without the tasks of another préfecture (the valideurs' group is shared by every
    préfecture: each instance says which one it belongs to)."""
    instances = sorted({t.instance for t in taches if a_besoin_de_l_instance(t)})
    groupes = await moteur.groupes_des_instances(instances) if instances else {}
    return [t for t in taches if peut_voir(agent, t, groupes.get(t.instance))]


async def liste_des_taches(
    *, agent: Actor, moteur: Moteur, filtres: FiltresTaches | None = None
) -> tuple[ListeTaches, ChoixFiltres]:
    """The waiting tasks of the agent's groups that the filters keep (the engine's search narrows
    and sorts them), and what the filters offer (from all of the agent's waiting tasks)."""
    filtres = filtres or FiltresTaches()
    groupes = groupes_de(agent)
    if filtres.actifs:
        trouvees, toutes = await asyncio.gather(
            moteur.taches_ouvertes(groupes, filtres), moteur.taches_ouvertes(groupes)
        )
    else:
        trouvees = toutes = await moteur.taches_ouvertes(groupes, filtres)
    visibles = await _visibles(agent, moteur, trouvees)
    choix = ChoixFiltres.de(visibles if toutes is trouvees else await _visibles(agent, moteur, toutes))
    return ListeTaches.de(agent.id, visibles, filtres.tri), choix


async def tache_de_l_agent(*, agent: Actor, cle: str, moteur: Moteur) -> Tache:
    """The task if the agent may see it; `TacheIntrouvable` otherwise (a forged key included)."""
    tache = await moteur.tache(cle)
    if tache is None:
        raise TacheIntrouvable(cle)
    groupe = None
    if a_besoin_de_l_instance(tache):
        groupe = (await moteur.groupes_des_instances([tache.instance])).get(tache.instance)
    if not peut_voir(agent, tache, groupe):
        raise TacheIntrouvable(cle)
    return tache


async def prendre(*, agent: Actor, cle: str, moteur: Moteur) -> Tache:
    """« Prendre »: the agent becomes the assignee, unless another agent was first."""
    tache = await tache_de_l_agent(agent=agent, cle=cle, moteur=moteur)
    if tache.assignee not in (None, agent.id):
        raise TacheDejaAssignee(cle)
    if tache.assignee is None:
        await moteur.assigner(cle, agent.id)
    return tache


async def rendre(*, agent: Actor, cle: str, moteur: Moteur) -> Tache:
    """« Rendre »: the task goes back to its groups; only its assignee may give it back."""
    tache = await tache_de_l_agent(agent=agent, cle=cle, moteur=moteur)
    if tache.assignee != agent.id:
        raise TacheIntrouvable(cle)
    await moteur.desassigner(cle)
    return tache
