"""Who holds a session token, and closing sessions: this one, one of mine, all the others."""

from __future__ import annotations

from contracts.identity import SessionCourante, SessionResume
from services.identity.domain.erreurs import Introuvable, SessionInvalide
from services.identity.domain.jetons import empreinte
from services.identity.domain.ports import Depots
from services.identity.domain.sessions import Session
from services.identity.usecases.contexte import Outils
from services.identity.usecases.fiches import acteur_d_agent, acteur_de_demandeur, agent_de, fiche_de


def session_valide(*, depots: Depots, outils: Outils, jeton: str) -> Session:
    """The live session of this token (its inactivity deadline pushed back), or `SessionInvalide`."""
    session = depots.sessions.par_empreinte(empreinte(jeton)) if jeton else None
    maintenant, politique = outils.horloge(), outils.reglages.session
    if session is None or not politique.active(session, maintenant):
        raise SessionInvalide()
    if politique.a_rafraichir(session, maintenant):
        session = politique.prolonger(session, maintenant)
        depots.sessions.mettre_a_jour(session)
    return session


def session_courante(*, depots: Depots, outils: Outils, jeton: str) -> SessionCourante:
    session = session_valide(depots=depots, outils=outils, jeton=jeton)
    if session.titulaire == "demandeur":
        compte = depots.demandeurs.par_id(session.titulaire_id)
        if compte is None or not compte.actif:
            raise SessionInvalide()
        return SessionCourante(
            id=session.id,
            expire_le=session.expire_le,
            acteur=acteur_de_demandeur(compte),
            demandeur=fiche_de(depots, compte),
        )
    agent = depots.agents.par_id(session.titulaire_id)
    if agent is None or not agent.actif:
        raise SessionInvalide()
    return SessionCourante(
        id=session.id, expire_le=session.expire_le, acteur=acteur_d_agent(agent), agent=agent_de(agent)
    )


def lister_sessions(*, depots: Depots, outils: Outils, jeton: str) -> list[SessionResume]:
    courante = session_valide(depots=depots, outils=outils, jeton=jeton)
    maintenant, politique = outils.horloge(), outils.reglages.session
    return [
        SessionResume(
            id=s.id,
            ouverte_le=s.ouverte_le,
            derniere_activite_le=s.derniere_activite_le,
            expire_le=s.expire_le,
            courante=s.id == courante.id,
        )
        for s in depots.sessions.de(courante.titulaire, courante.titulaire_id)
        if politique.active(s, maintenant)
    ]


def fermer_session(*, depots: Depots, outils: Outils, jeton: str) -> None:
    """Log out. Closing an already closed or unknown session is not an error (idempotent)."""
    session = depots.sessions.par_empreinte(empreinte(jeton)) if jeton else None
    if session is not None:
        depots.sessions.revoquer(session.id, outils.horloge())


def fermer_une_session(*, depots: Depots, outils: Outils, jeton: str, session_id: str) -> None:
    courante = session_valide(depots=depots, outils=outils, jeton=jeton)
    siennes = {s.id for s in depots.sessions.de(courante.titulaire, courante.titulaire_id)}
    if session_id not in siennes:
        raise Introuvable("Session introuvable.")
    depots.sessions.revoquer(session_id, outils.horloge())


def fermer_les_autres_sessions(*, depots: Depots, outils: Outils, jeton: str) -> int:
    courante = session_valide(depots=depots, outils=outils, jeton=jeton)
    return depots.sessions.revoquer_toutes(
        courante.titulaire, courante.titulaire_id, outils.horloge(), sauf=courante.id
    )
