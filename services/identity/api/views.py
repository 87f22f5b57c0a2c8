"""From identity's domain objects to the contract models of its internal API."""

from __future__ import annotations

from contracts.identity import (
    Agent,
    ChangementAdresse,
    FicheDemandeur,
    JustificatifDomicile,
    SessionCourante,
    SessionOuverte,
    SessionResume,
    TitreEnCours,
)
from plumbing.actors import Actor
from services.identity.adapters.emetteur_moteur import EmetteurJetons
from services.identity.domain.comptes import CompteAgent
from services.identity.domain.fiche import Fiche
from services.identity.domain.registre import Titre
from services.identity.domain.situation import ChangementAdresse as Changement
from services.identity.usecases.connexion import Connexion
from services.identity.usecases.sessions import SessionsDuTitulaire, SessionTenue


def fiche_demandeur(fiche: Fiche) -> FicheDemandeur:
    personne = fiche.personne
    return FicheDemandeur(
        id=fiche.compte.id,
        etat_civil=personne.etat_civil,
        numero_etranger=personne.numero_etranger,
        courriel=fiche.compte.courriel,
        adresse=personne.adresse,
        titre_en_cours=titre_en_cours(fiche.titre_en_cours),
        prefecture=fiche.prefecture,
    )


def titre_en_cours(titre: Titre) -> TitreEnCours:
    return TitreEnCours(
        nature=titre.nature,
        type=titre.type,
        mention=titre.mention,
        numero=titre.numero,
        date_debut=titre.date_debut,
        date_fin=titre.date_fin,
    )


def changement_adresse(changement: Changement) -> ChangementAdresse:
    return ChangementAdresse(
        id=changement.id,
        declare_le=changement.declare_le,
        declare_par=changement.declare_par,
        ancienne=changement.ancienne,
        nouvelle=changement.nouvelle,
        justificatif=JustificatifDomicile(
            dossier_id=changement.justificatif_dossier_id, fichier_id=changement.justificatif_fichier_id
        ),
        prefecture=changement.prefecture,
    )


def agent(compte: CompteAgent) -> Agent:
    return Agent(
        id=compte.id,
        identifiant=compte.identifiant,
        nom=compte.nom,
        prenom=compte.prenom,
        roles=list(compte.roles),
        prefectures=list(compte.prefectures),
    )


def acteur(tenue: SessionTenue, emetteur: EmetteurJetons) -> str:
    """The actor token the gateway or back-office sends on behalf of the session's holder: an
    agent's préfectures and roles are those of identity's own records."""
    titulaire = tenue.titulaire
    if isinstance(titulaire, Fiche):
        return emetteur.jeton_acteur(Actor("demandeur", titulaire.compte.id))
    agent_ = Actor("agent", titulaire.id, frozenset(titulaire.prefectures), frozenset(titulaire.roles))
    return emetteur.jeton_acteur(agent_)


def session_courante(tenue: SessionTenue, emetteur: EmetteurJetons) -> SessionCourante:
    fiche = tenue.titulaire if isinstance(tenue.titulaire, Fiche) else None
    compte_agent = tenue.titulaire if isinstance(tenue.titulaire, CompteAgent) else None
    return SessionCourante(
        id=tenue.session.id,
        expire_le=tenue.session.expire_le,
        acteur=acteur(tenue, emetteur),
        demandeur=fiche_demandeur(fiche) if fiche else None,
        agent=agent(compte_agent) if compte_agent else None,
    )


def session_ouverte(connexion: Connexion, emetteur: EmetteurJetons) -> SessionOuverte:
    """The session just opened: its token instead of its id (the id stays server-side)."""
    ouverte = session_courante(connexion, emetteur).model_dump(exclude={"id"})
    return SessionOuverte(jeton=connexion.jeton, appareil=connexion.appareil, **ouverte)


def sessions_ouvertes(sessions: SessionsDuTitulaire) -> list[SessionResume]:
    return [
        SessionResume(
            id=s.id,
            ouverte_le=s.ouverte_le,
            derniere_activite_le=s.derniere_activite_le,
            expire_le=s.expire_le,
            courante=s.id == sessions.courante.id,
        )
        for s in sessions.ouvertes
    ]
