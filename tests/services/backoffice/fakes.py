"""identity and dossier as the back-office's pages see them (`domain.ports`), in memory."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from contracts.clients.base import NotFound, RequestRefused
from contracts.documents import FichierPiece, PieceCode, PieceDossier, PiecesDossier, StatutFichier
from contracts.dossier import (
    LIBELLES_ACTION_AGENT,
    ActionAgentSaisie,
    ActionAgentVue,
    ChangementStatut,
    DossierComplet,
    DossierVue,
    Statut,
)
from contracts.identity import Agent, SessionCourante, SessionOuverte
from contracts.notifier import EtatNotification, NotificationResume
from contracts.process import Modele
from plumbing.actors import Actor
from services.backoffice.domain.ports import Fichier
from tests.support.actor_tokens import TEST_TOKENS

MOTS_DE_PASSE = {
    "instructeur.nord": "Instruction-Nord-59",
    "valideur.nord": "Validation-Nord-59",
    "instructeur.pas-de-calais": "Instruction-PdC-62",
    "valideur.pas-de-calais": "Validation-PdC-62",
    "polyvalent.nord": "Polyvalent-Nord-59",
    "responsable.processus": "Processus-Sejour-2026",
    "admin": "Admin-Anef-Sejour-1",
    "responsable.nord": "Processus-Nord-59",
    "responsable.pas-de-calais": "Processus-PdC-62",
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
    "responsable.nord": Agent(
        id="agent-8", identifiant="responsable.nord", nom="GIRARD", prenom="Lou",
        roles=["responsable-processus"], prefectures=["59"],
    ),
    "responsable.pas-de-calais": Agent(
        id="agent-9", identifiant="responsable.pas-de-calais", nom="MOREL", prenom="Eden",
        roles=["responsable-processus"], prefectures=["62"],
    ),
}  # fmt: skip


def acteur(agent: Agent) -> Actor:
    return Actor("agent", agent.id, frozenset(agent.prefectures), frozenset(agent.roles))


class FakeAgents:
    def __init__(self) -> None:
        self.sessions: dict[str, Agent] = {}

    async def connecter(
        self, identifiant: str, mot_de_passe: str, adresse: str | None, appareil: str | None = None
    ) -> SessionOuverte:
        if MOTS_DE_PASSE.get(identifiant) != mot_de_passe:
            raise RequestRefused(401, "Identifiant ou mot de passe incorrect.")
        jeton = secrets.token_urlsafe(16)
        agent = self.sessions[jeton] = AGENTS[identifiant]
        expire = datetime.now(UTC) + timedelta(hours=1)
        return SessionOuverte(
            jeton=jeton, expire_le=expire, acteur=TEST_TOKENS.sign(acteur(agent)), agent=agent
        )

    async def session(self, jeton: str) -> SessionCourante | None:
        agent = self.sessions.get(jeton)
        if agent is None:
            return None
        expire = datetime.now(UTC) + timedelta(hours=1)
        return SessionCourante(
            id=jeton[:8], expire_le=expire, acteur=TEST_TOKENS.sign(acteur(agent)), agent=agent
        )

    async def deconnecter(self, jeton: str) -> None:
        self.sessions.pop(jeton, None)


# A 1×1 PNG and a one-page PDF header: enough for a browser to be told what they are.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class FakeDossiers:
    """Dossiers by id and préfecture: another préfecture's agent gets `NotFound`, as from the
    dossier, documents and notifier services; `appels` counts the calls each page makes."""

    def __init__(self) -> None:
        self.dossiers: dict[str, DossierVue] = {}
        self.actions: dict[str, list[ActionAgentVue]] = {}
        self.fichiers: dict[str, Fichier] = {}
        self.appels: list[str] = []

    def ajouter(self, dossier_id: str, prefecture: str, nom: str) -> None:
        self.dossiers[dossier_id] = DossierVue.model_validate(_dossier(dossier_id, prefecture, nom))
        self.fichiers[f"{dossier_id}-photo"] = Fichier(PNG, "image/png", "passeport.png")
        self.fichiers[f"{dossier_id}-acte"] = Fichier(PDF, "application/pdf", "acte de naissance.pdf")

    def _visible(self, agent: Actor, dossier_id: str) -> DossierVue:
        dossier = self.dossiers.get(dossier_id)
        if dossier is None or not agent.may_instruct(dossier.prefecture):
            raise NotFound(404, "Dossier introuvable.")
        return dossier

    async def dossier(self, agent: Actor, dossier_id: str) -> DossierVue:
        self.appels.append("dossier")
        return self._visible(agent, dossier_id)

    async def complet(self, agent: Actor, dossier_id: str) -> DossierComplet:
        self.appels.append("dossier")
        dossier = self._visible(agent, dossier_id)
        return DossierComplet(
            dossier=dossier,
            historique=[
                ChangementStatut(statut=Statut.DEPOSEE, libelle="Demande déposée", date=dossier.cree_le)
            ],
            rondes=[],
            actions=list(self.actions.get(dossier_id, [])),
            pieces=_pieces(dossier_id),
            documents_generes=[],
        )

    async def notifications(
        self, agent: Actor, demandeur_id: str, dossier_id: str
    ) -> list[NotificationResume]:
        self.appels.append("notifier")
        dossier = self._visible(agent, dossier_id)
        return [_notification(dossier)]

    async def fichier(self, agent: Actor, dossier_id: str, fichier_id: str) -> Fichier:
        self.appels.append("documents")
        self._visible(agent, dossier_id)
        if not fichier_id.startswith(dossier_id) or fichier_id not in self.fichiers:
            raise NotFound(404, "Document introuvable.")
        return self.fichiers[fichier_id]

    async def document_genere(self, agent: Actor, dossier_id: str, document_id: str) -> Fichier:
        self.appels.append("documents")
        self._visible(agent, dossier_id)
        raise NotFound(404, "Document introuvable.")

    async def noter_action(self, agent: Actor, dossier_id: str, action: ActionAgentSaisie) -> None:
        self.appels.append("dossier")
        self._visible(agent, dossier_id)
        self.actions.setdefault(dossier_id, []).append(
            ActionAgentVue(
                dossier_id=dossier_id,
                agent_id=agent.id,
                agent_nom=action.agent_nom,
                action=action.action,
                libelle=LIBELLES_ACTION_AGENT[action.action],
                tache=action.tache,
                resultat=action.resultat,
                date=datetime.now(UTC),
            )
        )


def _fichier(
    dossier_id: str, suffixe: str, piece: PieceCode, nom: str, media: str, version: int = 1
) -> FichierPiece:
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return FichierPiece(
        id=f"{dossier_id}-{suffixe}",
        dossier_id=dossier_id,
        piece=piece,
        nom_fichier=nom,
        type_media=media,
        taille=2048,
        sha256="0" * 64,
        version=version,
        ronde=0,
        statut=StatutFichier.SCELLE,
        depose_le=moment,
    )


def _pieces(dossier_id: str) -> PiecesDossier:
    nationalite = _fichier(
        dossier_id, "photo", PieceCode.JUSTIFICATIF_NATIONALITE, "passeport.png", "image/png"
    )
    acte = _fichier(
        dossier_id, "acte", PieceCode.JUSTIFICATIF_IDENTITE, "acte de naissance.pdf", "application/pdf"
    )
    return PiecesDossier(
        dossier_id=dossier_id,
        scelle=True,
        numero_ephoto="1234567890123456789012",
        pieces=[
            PieceDossier(
                code=PieceCode.JUSTIFICATIF_NATIONALITE,
                libelle="Justificatif de nationalité",
                fichiers=[nationalite],
            ),
            PieceDossier(code=PieceCode.JUSTIFICATIF_IDENTITE, libelle="Acte de naissance", fichiers=[acte]),
        ],
    )


def _notification(dossier: DossierVue) -> NotificationResume:
    moment = datetime(2026, 3, 2, 9, 31, tzinfo=UTC)
    return NotificationResume(
        id="notification-1",
        type=Modele.CONFIRMATION_DEPOT,
        titre="Confirmation de dépôt",
        libelle="Confirmation de dépôt lue",
        mention="Lu le 03/03/2026",
        date=moment,
        etat=EtatNotification.LUE,
        lue_le=moment + timedelta(days=1),
        repondue_le=None,
        attend_reponse=False,
        dossier_id=dossier.id,
        numero_demande=dossier.numero_demande,
    )


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
