"""Reading an applicant's fiche (register data + account) and an agent, with authorization."""

from __future__ import annotations

from contracts.identity import Agent, FicheDemandeur
from plumbing.actors import Actor
from services.identity.domain.comptes import CompteAgent, CompteDemandeur
from services.identity.domain.erreurs import Introuvable
from services.identity.domain.ports import Depots
from services.identity.domain.registre import departement_de, titre_le_plus_recent

DEMANDEUR_INTROUVABLE = "Demandeur introuvable."


def fiche_de(depots: Depots, compte: CompteDemandeur) -> FicheDemandeur:
    personne = depots.registre.personne(compte.personne_id)
    titre = titre_le_plus_recent(depots.registre.titres_de(compte.personne_id))
    if personne is None or titre is None:
        raise Introuvable(DEMANDEUR_INTROUVABLE)
    return FicheDemandeur(
        id=compte.id,
        etat_civil=personne.etat_civil,
        numero_etranger=personne.numero_etranger,
        courriel=compte.courriel,
        adresse=personne.adresse,
        titre_en_cours=titre.en_cours(),
        prefecture=departement_de(personne.adresse.code_postal),
    )


def agent_de(compte: CompteAgent) -> Agent:
    return Agent(
        id=compte.id,
        identifiant=compte.identifiant,
        nom=compte.nom,
        prenom=compte.prenom,
        roles=list(compte.roles),
        prefectures=list(compte.prefectures),
    )


def acteur_de_demandeur(compte: CompteDemandeur) -> str:
    return Actor("demandeur", compte.id).header()


def acteur_d_agent(compte: CompteAgent) -> str:
    return Actor("agent", compte.id, frozenset(compte.prefectures), frozenset(compte.roles)).header()


def lire_fiche(*, depots: Depots, acteur: Actor, demandeur_id: str) -> FicheDemandeur:
    """The applicant themself, an agent of their préfecture, or a service; 404 for anyone else."""
    compte = depots.demandeurs.par_id(demandeur_id)
    if compte is None or (acteur.is_applicant and acteur.id != demandeur_id):
        raise Introuvable(DEMANDEUR_INTROUVABLE)
    fiche = fiche_de(depots, compte)
    if acteur.is_agent and not acteur.may_instruct(fiche.prefecture):
        raise Introuvable(DEMANDEUR_INTROUVABLE)
    return fiche


def lire_agent(*, depots: Depots, acteur: Actor, agent_id: str) -> Agent:
    """An agent reads themself; services and admins read anyone."""
    compte = depots.agents.par_id(agent_id)
    lui_meme = acteur.is_agent and acteur.id == agent_id
    if compte is None or not (lui_meme or acteur.is_service or "admin" in acteur.roles):
        raise Introuvable("Agent introuvable.")
    return agent_de(compte)
