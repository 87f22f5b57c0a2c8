"""Reading dossiers: the applicant's own, an agent's préfecture's."""

from __future__ import annotations

import math

from contracts.dossier import (
    Cas,
    DossierResume,
    DossierVue,
    HistoriqueStatuts,
    PageDossiers,
    RondeComplementsVue,
    Statut,
)
from plumbing.actors import Actor
from services.dossier.domain.erreurs import DossierIntrouvable
from services.dossier.ports import Horloge
from services.dossier.storage.registres import Registres
from services.dossier.usecases.acces import dossier_visible, exiger_agent, exiger_demandeur
from services.dossier.usecases.vues import resume_dossier, vue_dossier, vue_historique, vue_ronde


def lire(registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str) -> DossierVue:
    return vue_dossier(dossier_visible(registres, dossier_id, acteur))


def mes_dossiers(registres: Registres, *, horloge: Horloge, acteur: Actor) -> list[DossierResume]:
    exiger_demandeur(acteur)
    return [resume_dossier(d) for d in registres.dossiers.du_demandeur(acteur.id)]


def historique(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str
) -> HistoriqueStatuts:
    dossier = dossier_visible(registres, dossier_id, acteur)
    return vue_historique(dossier.id, registres.dossiers.historique(dossier.id))


def rondes(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str
) -> list[RondeComplementsVue]:
    dossier = dossier_visible(registres, dossier_id, acteur)
    return [vue_ronde(r) for r in registres.rondes.du_dossier(dossier.id)]


def ronde(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str, numero: int
) -> RondeComplementsVue:
    dossier = dossier_visible(registres, dossier_id, acteur)
    trouvee = registres.rondes.charger(dossier.id, numero)
    if trouvee is None:
        raise DossierIntrouvable()
    return vue_ronde(trouvee)


def dossiers_de_prefecture(
    registres: Registres,
    *,
    horloge: Horloge,
    acteur: Actor,
    prefecture: str | None,
    statut: Statut | None,
    cas: Cas | None,
    numero_demande: str | None,
    page: int,
    par_page: int,
) -> PageDossiers:
    """Deposited dossiers of the agent's préfectures (one of them when `prefecture` is given)."""
    exiger_agent(acteur)
    prefectures = None if acteur.is_service else acteur.prefectures
    if prefecture is not None:
        prefectures = (
            frozenset({prefecture}) & prefectures if prefectures is not None else frozenset({prefecture})
        )
    trouves, total = registres.dossiers.des_prefectures(
        prefectures, statut=statut, cas=cas, numero_demande=numero_demande, page=page, par_page=par_page
    )
    return PageDossiers(
        elements=[resume_dossier(d) for d in trouves],
        total=total,
        page=page,
        par_page=par_page,
        pages=max(1, math.ceil(total / par_page)),
    )
