"""The answer to a « Demande de complément », read from its form, one requested document at a time.

For each document the applicant chooses « Maintenir le Document » (a reason is required) or
« Mettre à jour le Document » (new files, an optional « Message à l'agent »); « Valider et
envoyer » needs every document answered. The dossier service checks all of it again and answers
with its own field paths (`pieces.<code>.reponse`, `motif`…), tied here to the page's fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from contracts.documents import FichierPiece, PieceCode, PiecesDossier
from contracts.dossier import (
    PieceComplementVue,
    ReponseComplement,
    ReponsePieceComplement,
    RondeComplementsVue,
)
from contracts.notifier import NotificationResume
from services.gateway.domain.formulaires import Erreurs

LIBELLES_REPONSE = {
    ReponseComplement.MAINTENIR: "Maintenir le Document",
    ReponseComplement.METTRE_A_JOUR: "Mettre à jour le Document",
}
"""The guide's buttons, with its capital D (the dossier's own labels write « document »)."""
INFORMATION = (
    "Vous devez mettre à jour ou maintenir tous les documents justificatifs en fonction de ce qui "
    "vous est demandé par l'agent afin de pouvoir répondre. Les formats acceptés : .jpg, .png, .pdf, "
    ".tiff, .bmp. La taille maximale : 10 Mo"
)
MAX_TEXTE = 2000  # the dossier's limit for a reason and a message
EPHOTO = PieceCode.PHOTOGRAPHIE_IDENTITE.value  # updated by a new number, not by a file
CHAMP_EPHOTO = "ephoto"
MOTIF_OBLIGATOIRE = "Veuillez préciser les raisons du maintien du document."
REPONSE_OBLIGATOIRE = "Votre réponse est obligatoire : maintenez ou mettez à jour ce document."


def champ_reponse(piece: str) -> str:
    return f"reponse_{piece}"


def champ_motif(piece: str) -> str:
    return f"motif_{piece}"


def champ_message(piece: str) -> str:
    return f"message_{piece}"


def champ_fichiers(piece: str) -> str:
    return f"fichiers_{piece}"


@dataclass(frozen=True)
class ReponseSaisie:
    piece: str
    reponse: ReponsePieceComplement


def valeurs_de_la_ronde(ronde: RondeComplementsVue) -> dict[str, str]:
    """What the form shows when it opens: the answers already saved."""
    valeurs: dict[str, str] = {}
    for piece in ronde.pieces:
        if piece.reponse is not None:
            valeurs[champ_reponse(piece.piece)] = piece.reponse.value
        valeurs[champ_motif(piece.piece)] = piece.motif or ""
        valeurs[champ_message(piece.piece)] = piece.message or ""
    return valeurs


def lire_reponses(
    ronde: RondeComplementsVue, valeurs: Mapping[str, str], erreurs: Erreurs, *, envoi: bool
) -> list[ReponseSaisie]:
    """The answers chosen in the form; a missing answer is an error only when sending."""
    saisies = []
    for piece in ronde.pieces:
        code = piece.piece
        choix = next((r for r in ReponseComplement if r.value == valeurs.get(champ_reponse(code))), None)
        motif = valeurs.get(champ_motif(code), "").strip()[:MAX_TEXTE] or None
        message = valeurs.get(champ_message(code), "").strip()[:MAX_TEXTE] or None
        if choix is None:
            if envoi:
                erreurs.ajouter(champ_reponse(code), REPONSE_OBLIGATOIRE)
            continue
        if choix is ReponseComplement.MAINTENIR and motif is None:
            erreurs.ajouter(champ_motif(code), MOTIF_OBLIGATOIRE)
            continue
        saisie = ReponsePieceComplement(
            reponse=choix,
            motif=motif if choix is ReponseComplement.MAINTENIR else None,
            message=message if choix is ReponseComplement.METTRE_A_JOUR else None,
        )
        saisies.append(ReponseSaisie(code, saisie))
    return saisies


def rattacher_refus(erreurs: Erreurs, du_dossier: list[dict[str, Any]], detail: str, piece: str = "") -> None:
    """The dossier's refusal of an answer or of the sending, each message under its document."""
    for erreur in du_dossier:
        champ, message = str(erreur.get("champ", "")), str(erreur.get("message", "")) or detail
        parties = champ.split(".")
        if len(parties) == 3 and parties[0] == "pieces":
            fichiers = CHAMP_EPHOTO if parties[1] == EPHOTO else champ_fichiers(parties[1])
            nom = fichiers if parties[2] == "fichiers" else champ_reponse(parties[1])
            erreurs.ajouter(nom, message)
        elif champ == "motif" and piece:
            erreurs.ajouter(champ_motif(piece), message)
        elif not erreurs.formulaire:
            erreurs.formulaire = message
    if not erreurs:
        erreurs.formulaire = detail


def ronde_a_afficher(rondes: Sequence[RondeComplementsVue]) -> RondeComplementsVue | None:
    """The round still open, or else the latest one (read-only), or None."""
    ouvertes = [r for r in rondes if r.envoyee_le is None]
    candidates = ouvertes or list(rondes)
    return max(candidates, key=lambda r: r.numero) if candidates else None


def notification_de_la_ronde(
    notifications: Sequence[NotificationResume], dossier_id: str, numero: int
) -> NotificationResume | None:
    """The « Demande de complément » that asked for round `numero` of the dossier.

    A notification names its round; one made before rounds were named is counted: the n-th demand
    of the dossier, oldest first, is round n.
    """
    du_dossier = sorted((n for n in notifications if n.dossier_id == dossier_id), key=lambda n: n.date)
    for notification in du_dossier:
        if notification.ronde == numero:
            return notification
    if any(n.ronde is not None for n in du_dossier):
        return None
    return du_dossier[numero - 1] if 0 < numero <= len(du_dossier) else None


@dataclass(frozen=True)
class DocumentDemande:
    """One requested document as the page shows it: the agent's observation, the files the agent
    examined and those joined in answer in this round (the piece's new version)."""

    piece: PieceComplementVue
    examines: list[FichierPiece]
    joints: list[FichierPiece]


def documents_demandes(ronde: RondeComplementsVue, pieces: PiecesDossier) -> list[DocumentDemande]:
    par_code = {p.code.value: p for p in pieces.pieces}
    documents = []
    for demandee in ronde.pieces:
        stockee = par_code.get(demandee.piece)
        tous = [*stockee.fichiers, *stockee.anciennes_versions] if stockee else []
        avant = [f for f in tous if f.ronde < ronde.numero]
        derniere = max((f.version for f in avant), default=None)
        examines = [f for f in avant if f.version == derniere]
        joints = [f for f in stockee.fichiers if f.ronde == ronde.numero] if stockee else []
        documents.append(DocumentDemande(demandee, examines, joints))
    return documents
