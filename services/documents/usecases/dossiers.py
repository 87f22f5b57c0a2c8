"""Finding a dossier for a reader, or for a writer (registering it with its first document)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from plumbing.actors import Actor
from services.documents.domain.acces import (
    DOSSIER_INTROUVABLE,
    demandeur_du_nouveau_dossier,
    departement,
    verifier_lecture,
)
from services.documents.domain.erreurs import Introuvable
from services.documents.domain.modeles import DossierDocuments
from services.documents.domain.ports import DocumentsRepository


@dataclass(frozen=True)
class Proprietaire:
    """Who owns a dossier, as the caller states it with its first document."""

    demandeur_id: str | None = None
    prefecture: str | None = None  # « 59 » or the process's candidate group « prefecture-59 »


def dossier_lisible(
    repo: DocumentsRepository, acteur: Actor, dossier_id: str, *, verrou: bool = False
) -> DossierDocuments:
    """The dossier if `acteur` may read it; unknown and forbidden give the same `Introuvable`."""
    dossier = repo.dossier(dossier_id, verrou=verrou)
    if dossier is None:
        raise Introuvable(DOSSIER_INTROUVABLE)
    verifier_lecture(acteur, dossier)
    return dossier


def dossier_pour_ecriture(
    repo: DocumentsRepository,
    acteur: Actor,
    dossier_id: str,
    proprietaire: Proprietaire,
    quand: datetime,
    creer: bool = True,
) -> DossierDocuments | None:
    """The dossier, locked, readable by `acteur`.

    When this is its first document, it is registered (`creer`) with the owner and the préfecture
    the caller gives, or only checked to be registrable (`creer=False`, then None is answered).
    A draft takes the préfecture given last: the applicant may move before the deposit.
    """
    dossier = repo.dossier(dossier_id, verrou=True)
    prefecture = departement(proprietaire.prefecture)
    if dossier is None:
        demandeur_id = demandeur_du_nouveau_dossier(acteur, proprietaire.demandeur_id)
        if not creer:
            return None
        dossier = DossierDocuments(dossier_id, demandeur_id, prefecture, cree_le=quand)
        repo.ajouter_dossier(dossier)
        return dossier
    verifier_lecture(acteur, dossier)
    if prefecture and prefecture != dossier.prefecture and not dossier.depose:
        dossier = replace(dossier, prefecture=prefecture)
        repo.enregistrer_dossier(dossier)
    return dossier
