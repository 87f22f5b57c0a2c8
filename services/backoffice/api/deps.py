"""What the pages are built with, the agent behind the session cookie, and posted forms."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request

from contracts.identity import Agent, SessionCourante
from plumbing.actors import Actor, actor_from_token
from plumbing.clock import Clock, SystemClock
from plumbing.dsfr.security import CSRF_FIELD, Security
from services.backoffice.api.pages import Pages
from services.backoffice.api.security import SESSION_COOKIE
from services.backoffice.domain.ports import Agents, Dossiers, Moteur

MAX_CHAMP = 1024


class ConnexionRequise(Exception):
    """A page was asked without an agent's session: the agent signs in first."""


class FormulaireRefuse(Exception):
    """A form posted without its genuine CSRF token (or without a session): nothing is done."""


@dataclass(frozen=True)
class AgentConnecte:
    """The signed-in agent: their session, and the actor the engine and services see."""

    session: SessionCourante
    jeton: str
    acteur: Actor

    @property
    def fiche(self) -> Agent:
        assert self.session.agent is not None
        return self.session.agent

    @property
    def nom_affiche(self) -> str:
        return f"{self.fiche.prenom} {self.fiche.nom}".strip()


@dataclass(frozen=True)
class BackofficeDeps:
    agents: Agents
    moteur: Moteur
    dossiers: Dossiers
    pages: Pages
    security: Security
    clock: Clock = field(default_factory=SystemClock)  # today in France: a form's dates

    async def connecte(self, request: Request) -> AgentConnecte | None:
        """The agent behind the cookie (one call: identity's session), or None."""
        jeton = request.cookies.get(SESSION_COOKIE)
        if not jeton or len(jeton) > 200:
            return None
        session = await self.agents.session(jeton)
        if session is None or session.agent is None:
            return None
        acteur = actor_from_token(session.acteur)
        return AgentConnecte(session, jeton, acteur) if acteur.is_agent else None

    async def agent(self, request: Request) -> AgentConnecte:
        connecte = await self.connecte(request)
        if connecte is None:
            raise ConnexionRequise()
        return connecte

    async def formulaire(
        self, request: Request, *, max_champs: int = 20, max_longueur: int = MAX_CHAMP
    ) -> dict[str, str]:
        """The posted values, or `FormulaireRefuse` when the CSRF token is not this browser's."""
        form = await request.form(max_files=0, max_fields=max_champs)
        jeton = form.get(CSRF_FIELD)
        if not isinstance(jeton, str) or not self.security.csrf_valid(request, jeton):
            raise FormulaireRefuse()
        return {nom: v[:max_longueur] for nom, v in form.items() if isinstance(v, str) and nom != CSRF_FIELD}
