"""The dossier beside the task, as the agent reads it: labels of the answers, and one history.

The history puts together the statuses the application went through and the agents' actions
(the audit trail), oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contracts.dossier import DossierComplet
from contracts.process import Modele

DOCUMENTS_DE_L_ADMINISTRATION = {
    Modele.CONFIRMATION_DEPOT: "Confirmation de dépôt",
    Modele.DEMANDE_COMPLEMENTS: "Demande de complément",
    Modele.ATTESTATION_PROLONGATION: "Attestation de prolongation de l'instruction",
    Modele.ATTESTATION_DECISION_FAVORABLE: "Attestation de décision favorable",
    Modele.DECISION_REFUS: "Décision de refus",
    Modele.TITRE_DISPONIBLE: "Titre disponible en préfecture",
    Modele.CLOTURE_INCOMPLET: "Clôture de la demande : dossier incomplet",
    Modele.DESISTEMENT: "Désistement",
}
IMAGES = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"}


@dataclass(frozen=True)
class Evenement:
    """One line of « Historique »: a status (`qui` None) or an agent's action."""

    date: datetime
    libelle: str
    detail: str | None = None
    qui: str | None = None


def historique(complet: DossierComplet) -> list[Evenement]:
    evenements = [Evenement(c.date, c.libelle, c.motif) for c in complet.historique]
    for action in complet.actions:
        quoi = f"{action.libelle} : {action.tache}" if action.tache else action.libelle
        qui = f"{action.agent_nom} ({action.agent_id})" if action.agent_nom else action.agent_id
        evenements.append(Evenement(action.date, quoi, action.resultat, qui))
    return sorted(evenements, key=lambda e: e.date)


def apercu(type_media: str) -> str:
    """How a file is shown inline: « image », « pdf », or « lien » (downloaded)."""
    if type_media in IMAGES:
        return "image"
    return "pdf" if type_media == "application/pdf" else "lien"
