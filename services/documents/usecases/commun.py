"""What the use cases share: received files, their analysis, finding or registering the dossier."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from contracts.documents import FICHIERS_MAX_PAR_PIECE, NaturePiece, PieceCode
from services.documents.domain.acces import DOSSIER_INTROUVABLE, Acteur, code_prefecture
from services.documents.domain.contenu import FORMATS_JUSTIFICATIFS, FichierAnalyse, Format, analyser_fichier
from services.documents.domain.erreurs import Introuvable, Invalide
from services.documents.domain.modeles import AUCUN_FICHIER, TROP_DE_FICHIERS, DossierDocuments
from services.documents.domain.pieces import CATALOGUE
from services.documents.storage.repository import SqlDocumentsRepository

DEMANDEUR_REQUIS = "Le demandeur du dossier doit être précisé (demandeurId) lors du premier dépôt."
PHOTO_PAR_NUMERO = "La photographie d'identité se renseigne par son numéro ephoto, pas par un fichier."


@dataclass(frozen=True)
class Proprietaire:
    """Who owns a dossier, as the caller states it with its first document."""

    demandeur_id: str | None = None
    prefecture: str | None = None


@dataclass(frozen=True)
class FichierRecu:
    """A file as the caller sent it; nothing about it is trusted yet."""

    nom: str | None
    contenu: bytes


def maintenant() -> datetime:
    return datetime.now(UTC)


def nouvel_id() -> str:
    """32 hex digits that sort in creation order (files are listed in the order they were sent)."""
    return f"{time.time_ns():016x}{secrets.token_hex(8)}"


def verifier_piece_a_fichiers(piece: PieceCode, nombre: int) -> None:
    if CATALOGUE.definition(piece).nature is not NaturePiece.FICHIERS:
        raise Invalide(PHOTO_PAR_NUMERO)
    if nombre == 0:
        raise Invalide(AUCUN_FICHIER)
    if nombre > FICHIERS_MAX_PAR_PIECE:
        raise Invalide(TROP_DE_FICHIERS)


async def analyser(
    fichiers: list[FichierRecu], formats: tuple[Format, ...] = FORMATS_JUSTIFICATIFS
) -> list[FichierAnalyse]:
    """Check every file's content (off the event loop: decoding a 10 MB scan takes a while)."""

    def tous() -> list[FichierAnalyse]:
        return [analyser_fichier(f.nom, f.contenu, formats) for f in fichiers]

    return await asyncio.to_thread(tous)


def dossier_lisible(repo: SqlDocumentsRepository, acteur: Acteur, dossier_id: str) -> DossierDocuments:
    dossier = repo.dossier(dossier_id)
    if dossier is None:
        raise Introuvable(DOSSIER_INTROUVABLE)
    dossier.verifier_lecture(acteur)
    return dossier


def dossier_pour_ecriture(
    repo: SqlDocumentsRepository,
    acteur: Acteur,
    dossier_id: str,
    proprietaire: Proprietaire,
    quand: datetime,
    creer: bool = True,
) -> DossierDocuments | None:
    """The dossier, locked, readable by `acteur`.

    When this is its first document, it is registered (`creer`) with the owner and the préfecture
    the caller gives, or only checked to be registrable (`creer=False`, then None is answered).
    """
    dossier = repo.dossier(dossier_id, verrou=True)
    prefecture = code_prefecture(proprietaire.prefecture)
    if dossier is None:
        demandeur_id = proprietaire_du_dossier(acteur, proprietaire.demandeur_id)
        if not creer:
            return None
        dossier = DossierDocuments(dossier_id, demandeur_id, prefecture, cree_le=quand)
        repo.ajouter_dossier(dossier)
        return dossier
    dossier.verifier_lecture(acteur)
    if prefecture and prefecture != dossier.prefecture and not dossier.depose:
        dossier = replace(dossier, prefecture=prefecture)
        repo.enregistrer_dossier(dossier)
    return dossier


def proprietaire_du_dossier(acteur: Acteur, demandeur_id: str | None) -> str:
    if acteur.is_applicant:
        if demandeur_id and demandeur_id != acteur.id:
            raise Introuvable(DOSSIER_INTROUVABLE)
        return acteur.id
    if acteur.is_service and demandeur_id:
        return demandeur_id
    if acteur.is_service:
        raise Invalide(DEMANDEUR_REQUIS)
    raise Introuvable(DOSSIER_INTROUVABLE)
