"""Logging in: applicants with their N° étranger (or e-mail), agents with their identifiant.

Failures look and take the same whether the account exists, is not yet active, or the
password is wrong: an argon2 verification always runs.
"""

from __future__ import annotations

from contracts.identity import DemandeConnexion, SessionOuverte
from services.identity.domain.comptes import normaliser_identifiant
from services.identity.domain.erreurs import IdentifiantsIncorrects, TropDeTentatives
from services.identity.domain.jetons import empreinte
from services.identity.domain.mot_de_passe import LONGUEUR_MAXIMALE
from services.identity.domain.ports import Depots
from services.identity.domain.sessions import Session, Titulaire
from services.identity.usecases.contexte import Outils, Refus
from services.identity.usecases.fiches import acteur_d_agent, acteur_de_demandeur, agent_de, fiche_de
from services.identity.usecases.garde import Garde


def connecter_demandeur(
    *, depots: Depots, outils: Outils, demande: DemandeConnexion
) -> SessionOuverte | Refus:
    identifiant = normaliser_identifiant(demande.identifiant)
    garde = Garde.pour(depots, outils, "connexion-demandeur", identifiant, demande.adresse_client)
    if garde.bloque():
        return Refus(TropDeTentatives())
    compte = depots.demandeurs.par_identifiant(identifiant)
    empreinte_mdp = compte.mot_de_passe if compte is not None and compte.actif else None
    if not _mot_de_passe_correct(outils, empreinte_mdp, demande.mot_de_passe) or compte is None:
        garde.echec()
        return Refus(IdentifiantsIncorrects())
    garde.reussite()
    if outils.hacheur.a_rehacher(empreinte_mdp or ""):
        compte.mot_de_passe = outils.hacheur.hacher(demande.mot_de_passe)
        depots.demandeurs.enregistrer(compte)
    jeton, session = ouvrir_session(depots, outils, "demandeur", compte.id)
    fiche = fiche_de(depots, compte)
    return SessionOuverte(
        jeton=jeton, expire_le=session.expire_le, acteur=acteur_de_demandeur(compte), demandeur=fiche
    )


def connecter_agent(*, depots: Depots, outils: Outils, demande: DemandeConnexion) -> SessionOuverte | Refus:
    identifiant = demande.identifiant.strip().lower()
    garde = Garde.pour(depots, outils, "connexion-agent", identifiant, demande.adresse_client)
    if garde.bloque():
        return Refus(TropDeTentatives())
    agent = depots.agents.par_identifiant(identifiant)
    empreinte_mdp = agent.mot_de_passe if agent is not None and agent.actif else None
    if not _mot_de_passe_correct(outils, empreinte_mdp, demande.mot_de_passe) or agent is None:
        garde.echec()
        return Refus(IdentifiantsIncorrects())
    garde.reussite()
    jeton, session = ouvrir_session(depots, outils, "agent", agent.id)
    return SessionOuverte(
        jeton=jeton, expire_le=session.expire_le, acteur=acteur_d_agent(agent), agent=agent_de(agent)
    )


def _mot_de_passe_correct(outils: Outils, empreinte_mdp: str | None, mot_de_passe: str) -> bool:
    if len(mot_de_passe) > LONGUEUR_MAXIMALE:
        return False  # never set such a password; don't spend argon2 time on it either
    if empreinte_mdp is None:
        outils.hacheur.verification_factice(mot_de_passe)
        return False
    return outils.hacheur.verifier(empreinte_mdp, mot_de_passe)


def ouvrir_session(
    depots: Depots, outils: Outils, titulaire: Titulaire, titulaire_id: str
) -> tuple[str, Session]:
    """A new opaque token for the visitor's cookie; only its fingerprint is kept."""
    jeton = outils.nouveau_jeton_session()
    session = outils.reglages.session.ouvrir(outils.nouvel_id(), titulaire, titulaire_id, outils.horloge())
    depots.sessions.ajouter(session, empreinte(jeton))
    return jeton, session
