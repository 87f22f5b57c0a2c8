"""Reading dossiers: the applicant's own, an agent's préfecture's (views: `api.views`)."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.dossier import Cas, Statut
from plumbing.actors import Actor
from services.dossier.domain.actions import ActionNotee
from services.dossier.domain.complements import RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import DossierIntrouvable
from services.dossier.domain.ports import Repositories
from services.dossier.domain.statuts import Transition
from services.dossier.usecases.acces import dossier_visible, exiger_agent, exiger_demandeur


@dataclass(frozen=True)
class Consultation:
    """A dossier with its history, its rounds and (for agents only) the agents' actions."""

    dossier: Dossier
    historique: list[Transition]
    rondes: list[RondeComplements]
    actions: list[ActionNotee]


def complet(repos: Repositories, *, acteur: Actor, dossier_id: str) -> Consultation:
    dossier = dossier_visible(repos, dossier_id, acteur)
    actions = repos.actions.du_dossier(dossier.id) if not acteur.is_applicant else []
    return Consultation(
        dossier, repos.dossiers.historique(dossier.id), repos.rondes.du_dossier(dossier.id), actions
    )


def lire(repos: Repositories, *, acteur: Actor, dossier_id: str) -> Dossier:
    return dossier_visible(repos, dossier_id, acteur)


def mes_dossiers(repos: Repositories, *, acteur: Actor) -> list[Dossier]:
    exiger_demandeur(acteur)
    return repos.dossiers.du_demandeur(acteur.id)


def historique(repos: Repositories, *, acteur: Actor, dossier_id: str) -> list[Transition]:
    dossier = dossier_visible(repos, dossier_id, acteur)
    return repos.dossiers.historique(dossier.id)


def rondes(repos: Repositories, *, acteur: Actor, dossier_id: str) -> list[RondeComplements]:
    dossier = dossier_visible(repos, dossier_id, acteur)
    return repos.rondes.du_dossier(dossier.id)


def ronde(repos: Repositories, *, acteur: Actor, dossier_id: str, numero: int) -> RondeComplements:
    dossier = dossier_visible(repos, dossier_id, acteur)
    trouvee = repos.rondes.charger(dossier.id, numero)
    if trouvee is None:
        raise DossierIntrouvable()
    return trouvee


def dossiers_de_prefecture(
    repos: Repositories,
    *,
    acteur: Actor,
    prefecture: str | None,
    statut: Statut | None,
    cas: Cas | None,
    numero_demande: str | None,
    page: int,
    par_page: int,
) -> tuple[list[Dossier], int]:
    """Deposited dossiers of the agent's préfectures (one of them when `prefecture` is given); the total."""
    exiger_agent(acteur)
    prefectures = None if acteur.is_service else acteur.prefectures
    if prefecture is not None:
        prefectures = (
            frozenset({prefecture}) & prefectures if prefectures is not None else frozenset({prefecture})
        )
    return repos.dossiers.des_prefectures(
        prefectures, statut=statut, cas=cas, numero_demande=numero_demande, page=page, par_page=par_page
    )
