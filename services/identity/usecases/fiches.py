"""Reading an applicant's fiche (register data + account) and an agent, for whoever may see them."""

from __future__ import annotations

from plumbing.actors import Actor
from services.identity.domain.acces import peut_voir_agent, peut_voir_fiche
from services.identity.domain.comptes import CompteAgent, CompteDemandeur
from services.identity.domain.erreurs import Introuvable
from services.identity.domain.fiche import Fiche
from services.identity.domain.ports import Depots
from services.identity.domain.registre import titre_le_plus_recent

DEMANDEUR_INTROUVABLE = "Demandeur introuvable."


def fiche_de(depots: Depots, compte: CompteDemandeur) -> Fiche:
    """The account with its register entry and its title in force."""
    personne = depots.registre.personne(compte.personne_id)
    titre = titre_le_plus_recent(depots.registre.titres_de(compte.personne_id))
    if personne is None or titre is None:
        raise Introuvable(DEMANDEUR_INTROUVABLE)
    return Fiche(compte, personne, titre)


def lire_fiche(*, depots: Depots, acteur: Actor, demandeur_id: str) -> Fiche:
    """What the dossier copies at draft creation; 404 for whoever may not see it."""
    compte = depots.demandeurs.par_id(demandeur_id)
    fiche = fiche_de(depots, compte) if compte is not None else None
    if fiche is None or not peut_voir_fiche(acteur, fiche):
        raise Introuvable(DEMANDEUR_INTROUVABLE)
    return fiche


def lire_agent(*, depots: Depots, acteur: Actor, agent_id: str) -> CompteAgent:
    """The back-office shows who is connected; 404 for whoever may not see that agent."""
    compte = depots.agents.par_id(agent_id)
    if compte is None or not peut_voir_agent(acteur, agent_id):
        raise Introuvable("Agent introuvable.")
    return compte
