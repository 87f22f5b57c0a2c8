"""identity and dossier as the back-office's pages see them (`domain.ports`), in memory."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from contracts.clients.base import NotFound, RequestRefused
from contracts.dossier import DossierVue
from contracts.identity import Agent, SessionCourante, SessionOuverte
from plumbing.actors import Actor

MOTS_DE_PASSE = {
    "instructeur.nord": "Instruction-Nord-59",
    "valideur.nord": "Validation-Nord-59",
    "instructeur.pas-de-calais": "Instruction-PdC-62",
    "valideur.pas-de-calais": "Validation-PdC-62",
    "polyvalent.nord": "Polyvalent-Nord-59",
    "responsable.processus": "Processus-Sejour-2026",
    "admin": "Admin-Anef-Sejour-1",
}
AGENTS = {
    "instructeur.nord": Agent(
        id="agent-1", identifiant="instructeur.nord", nom="DURAND", prenom="Camille",
        roles=["instructeur"], prefectures=["59"],
    ),
    "valideur.nord": Agent(
        id="agent-2", identifiant="valideur.nord", nom="LEROY", prenom="Dominique",
        roles=["valideur"], prefectures=["59"],
    ),
    "instructeur.pas-de-calais": Agent(
        id="agent-3", identifiant="instructeur.pas-de-calais", nom="MARTIN", prenom="Alex",
        roles=["instructeur"], prefectures=["62"],
    ),
    "valideur.pas-de-calais": Agent(
        id="agent-4", identifiant="valideur.pas-de-calais", nom="PETIT", prenom="Claude",
        roles=["valideur"], prefectures=["62"],
    ),
    "polyvalent.nord": Agent(
        id="agent-5", identifiant="polyvalent.nord", nom="BERNARD", prenom="Sacha",
        roles=["instructeur", "valideur"], prefectures=["59"],
    ),
    "responsable.processus": Agent(
        id="agent-6", identifiant="responsable.processus", nom="BERNARD", prenom="Sacha",
        roles=["responsable-processus"], prefectures=[],
    ),
    "admin": Agent(
        id="agent-7", identifiant="admin", nom="ROUX", prenom="Morgan", roles=["admin"], prefectures=["59", "62"],
    ),
}  # fmt: skip


def acteur(agent: Agent) -> Actor:
    return Actor("agent", agent.id, frozenset(agent.prefectures), frozenset(agent.roles))


class FakeAgents:
    def __init__(self) -> None:
        self.sessions: dict[str, Agent] = {}

    async def connecter(self, identifiant: str, mot_de_passe: str, adresse: str | None) -> SessionOuverte:
        if MOTS_DE_PASSE.get(identifiant) != mot_de_passe:
            raise RequestRefused(401, "Identifiant ou mot de passe incorrect.")
        jeton = secrets.token_urlsafe(16)
        agent = self.sessions[jeton] = AGENTS[identifiant]
        expire = datetime.now(UTC) + timedelta(hours=1)
        return SessionOuverte(jeton=jeton, expire_le=expire, acteur=acteur(agent).header(), agent=agent)

    async def session(self, jeton: str) -> SessionCourante | None:
        agent = self.sessions.get(jeton)
        if agent is None:
            return None
        expire = datetime.now(UTC) + timedelta(hours=1)
        return SessionCourante(id=jeton[:8], expire_le=expire, acteur=acteur(agent).header(), agent=agent)

    async def deconnecter(self, jeton: str) -> None:
        self.sessions.pop(jeton, None)


class FakeDossiers:
    """Dossiers by id and préfecture: another préfecture's agent gets `NotFound`, as from the service."""

    def __init__(self) -> None:
        self.dossiers: dict[str, DossierVue] = {}

    def ajouter(self, dossier_id: str, prefecture: str, nom: str) -> None:
        self.dossiers[dossier_id] = DossierVue.model_validate(_dossier(dossier_id, prefecture, nom))

    async def dossier(self, agent: Actor, dossier_id: str) -> DossierVue:
        dossier = self.dossiers.get(dossier_id)
        if dossier is None or not agent.may_instruct(dossier.prefecture):
            raise NotFound(404, "Dossier introuvable.")
        return dossier


def _dossier(dossier_id: str, prefecture: str, nom: str) -> dict[str, object]:
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    return {
        "id": dossier_id,
        "demandeurId": "demandeur-1",
        "statut": "en_instruction",
        "libelleStatut": "Demande en cours d'instruction",
        "cas": "majeur",
        "derniereEtape": 4,
        "etatCivil": {
            "nomNaissance": nom,
            "prenoms": "Sept",
            "sexe": "M",
            "dateNaissance": date(2006, 1, 2),
            "paysNaissance": "GUINEE",
            "lieuNaissance": "CONAKRY",
            "nationalite": "guinéenne",
        },
        "numeroEtranger": "5903007178",
        "courriel": "sept@example.org",
        "titreEnCours": {
            "type": "MNA placé avant 16 ans",
            "mention": "Vie privée et familiale",
            "numero": "9900000007",
            "dateDebut": date(2025, 1, 1),
            "dateFin": date(2026, 6, 30),
        },
        "mineurEmancipe": False,
        "adresse": {"voie": "RUE NATIONALE", "codePostal": "59000", "ville": "LILLE"},
        "telephone": None,
        "motifSejour": None,
        "hebergement": None,
        "observations": None,
        "prefecture": prefecture,
        "numeroDemande": "ANEF-2026-0001",
        "dateDepot": date(2026, 3, 2),
        "deposeLe": moment,
        "desistementLe": None,
        "decision": None,
        "alertes": [],
        "creeLe": moment,
        "modifieLe": moment,
    }
