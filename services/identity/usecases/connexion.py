"""Logging in: applicants with their N° étranger (or e-mail), agents with their identifiant.

Failures look and take the same whether the account exists, is not yet active, or the
password is wrong: an argon2 verification always runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.identity import DemandeConnexion
from plumbing.clock import new_id
from services.identity.domain.comptes import normaliser_identifiant
from services.identity.domain.erreurs import IdentifiantsIncorrects, TropDeTentatives
from services.identity.domain.jetons import empreinte
from services.identity.domain.mot_de_passe import LONGUEUR_MAXIMALE
from services.identity.domain.ports import Depots
from services.identity.domain.sessions import Session, Titulaire
from services.identity.usecases.contexte import Outils, Refus
from services.identity.usecases.fiches import fiche_de
from services.identity.usecases.garde import Garde
from services.identity.usecases.sessions import SessionTenue


@dataclass(frozen=True, kw_only=True)
class Connexion(SessionTenue):
    """A session just opened, with the opaque token for the visitor's cookie."""

    jeton: str


def connecter_demandeur(*, depots: Depots, outils: Outils, demande: DemandeConnexion) -> Connexion | Refus:
    """An applicant logs in with their N° étranger, or their e-mail when they have none."""
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
    jeton, session = _ouvrir_session(depots, outils, "demandeur", compte.id)
    return Connexion(jeton=jeton, session=session, titulaire=fiche_de(depots, compte))


def connecter_agent(*, depots: Depots, outils: Outils, demande: DemandeConnexion) -> Connexion | Refus:
    """An applicant logs in with their N° étranger, or their e-mail when they have none."""
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
    jeton, session = _ouvrir_session(depots, outils, "agent", agent.id)
    return Connexion(jeton=jeton, session=session, titulaire=agent)


def _mot_de_passe_correct(outils: Outils, empreinte_mdp: str | None, mot_de_passe: str) -> bool:
    if len(mot_de_passe) > LONGUEUR_MAXIMALE:
        return False  # never set such a password; don't spend argon2 time on it either
    if empreinte_mdp is None:
        outils.hacheur.verification_factice(mot_de_passe)
        return False
    return outils.hacheur.verifier(empreinte_mdp, mot_de_passe)


def _ouvrir_session(
    depots: Depots, outils: Outils, titulaire: Titulaire, titulaire_id: str
) -> tuple[str, Session]:
    """A new opaque token for the visitor's cookie; only its fingerprint is kept."""
    jeton = outils.nouveau_jeton_session()
    session = outils.reglages.session.ouvrir(new_id(), titulaire, titulaire_id, outils.clock.now())
    depots.sessions.ajouter(session, empreinte(jeton))
    return jeton, session
