"""Who holds a session token, and closing sessions: this one, one of mine, all the others."""

from __future__ import annotations

from dataclasses import dataclass

from services.identity.domain.comptes import CompteAgent
from services.identity.domain.erreurs import Introuvable, SessionInvalide
from services.identity.domain.fiche import Fiche
from services.identity.domain.jetons import empreinte
from services.identity.domain.ports import Depots
from services.identity.domain.sessions import Session
from services.identity.usecases.contexte import Outils
from services.identity.usecases.fiches import fiche_de


@dataclass(frozen=True, kw_only=True)
class SessionTenue:
    """A live session and who holds it: an applicant (with their fiche) or an agent."""

    session: Session
    titulaire: Fiche | CompteAgent


@dataclass(frozen=True)
class SessionsDuTitulaire:
    """The open sessions of whoever holds the `courante` one."""

    courante: Session
    ouvertes: list[Session]


def session_valide(*, depots: Depots, outils: Outils, jeton: str) -> Session:
    """The live session of this token (its inactivity deadline pushed back), or `SessionInvalide`."""
    session = depots.sessions.par_empreinte(empreinte(jeton)) if jeton else None
    maintenant, politique = outils.clock.now(), outils.reglages.session
    if session is None or not politique.active(session, maintenant):
        raise SessionInvalide()
    if politique.a_rafraichir(session, maintenant):
        session = politique.prolonger(session, maintenant)
        depots.sessions.mettre_a_jour(session)
    return session


def session_courante(*, depots: Depots, outils: Outils, jeton: str) -> SessionTenue:
    """Who holds this session token, while their account is active; `SessionInvalide` otherwise."""
    session = session_valide(depots=depots, outils=outils, jeton=jeton)
    if session.titulaire == "demandeur":
        compte = depots.demandeurs.par_id(session.titulaire_id)
        if compte is None or not compte.actif:
            raise SessionInvalide()
        return SessionTenue(session=session, titulaire=fiche_de(depots, compte))
    agent = depots.agents.par_id(session.titulaire_id)
    if agent is None or not agent.actif:
        raise SessionInvalide()
    return SessionTenue(session=session, titulaire=agent)


def lister_sessions(*, depots: Depots, outils: Outils, jeton: str) -> SessionsDuTitulaire:
    """So that a visitor can see where else they are logged in, and close those sessions."""
    courante = session_valide(depots=depots, outils=outils, jeton=jeton)
    maintenant, politique = outils.clock.now(), outils.reglages.session
    ouvertes = depots.sessions.de(courante.titulaire, courante.titulaire_id)
    return SessionsDuTitulaire(courante, [s for s in ouvertes if politique.active(s, maintenant)])


def fermer_session(*, depots: Depots, outils: Outils, jeton: str) -> None:
    """Log out. Closing an already closed or unknown session is not an error (idempotent)."""
    session = depots.sessions.par_empreinte(empreinte(jeton)) if jeton else None
    if session is not None:
        depots.sessions.revoquer(session.id, outils.clock.now())


def fermer_une_session(*, depots: Depots, outils: Outils, jeton: str, session_id: str) -> None:
    courante = session_valide(depots=depots, outils=outils, jeton=jeton)
    siennes = {s.id for s in depots.sessions.de(courante.titulaire, courante.titulaire_id)}
    if session_id not in siennes:
        raise Introuvable("Session introuvable.")
    depots.sessions.revoquer(session_id, outils.clock.now())


def fermer_les_autres_sessions(*, depots: Depots, outils: Outils, jeton: str) -> int:
    courante = session_valide(depots=depots, outils=outils, jeton=jeton)
    return depots.sessions.revoquer_toutes(
        courante.titulaire, courante.titulaire_id, outils.clock.now(), sauf=courante.id
    )
