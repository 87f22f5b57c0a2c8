"""The draft: created from the register's fiche, saved at every step, resumable, abandonable."""

from __future__ import annotations

from contracts.dossier import (
    Etape,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeJustificatifs,
    EtapeMotifSejour,
)
from contracts.identity import Adresse, FicheDemandeur
from plumbing.actors import Actor
from plumbing.clock import Clock, new_id
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import ActionReservee, EtatIncompatible
from services.dossier.domain.ports import Repositories
from services.dossier.usecases.acces import dossier_du_demandeur, exiger_demandeur


def creer_brouillon(
    repos: Repositories, *, clock: Clock, acteur: Actor, fiche: FicheDemandeur
) -> tuple[Dossier, bool]:
    """Start the draft, or resume the one in progress (one application at a time); (draft, created).

    `fiche` is the register's, read from identity by the caller (`usecases.demarrage`)."""
    exiger_demandeur(acteur)
    if fiche.id != acteur.id:
        raise ActionReservee("La fiche transmise n'est pas celle du demandeur connecté.")
    en_cours = repos.dossiers.en_cours_du_demandeur(acteur.id)
    if en_cours is not None:
        if en_cours.est_brouillon:
            return en_cours, False
        raise EtatIncompatible(
            "Vous avez déjà une demande en cours d'instruction : vous ne pouvez pas en déposer une autre."
        )
    dossier = Dossier.creer(dossier_id=new_id(), fiche=fiche, maintenant=clock.now())
    repos.dossiers.ajouter(dossier)
    return dossier, True


def preparer_informations_personnelles(repos: Repositories, *, acteur: Actor, dossier_id: str) -> Dossier:
    """Before reading the register: is this the applicant's draft (404 otherwise, 409 once deposited)?"""
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    dossier.exiger_etape_precedente(Etape.INFORMATIONS_PERSONNELLES)
    return dossier


def enregistrer_informations_personnelles(
    repos: Repositories,
    *,
    clock: Clock,
    acteur: Actor,
    dossier_id: str,
    etape: EtapeInformationsPersonnelles,
    adresse_registre: Adresse | None = None,
) -> Dossier:
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    dossier.enregistrer_informations_personnelles(
        etape, aujourdhui=clock.today(), maintenant=clock.now(), adresse_registre=adresse_registre
    )
    repos.dossiers.enregistrer(dossier)
    return dossier


def enregistrer_motif_sejour(
    repos: Repositories, *, clock: Clock, acteur: Actor, dossier_id: str, etape: EtapeMotifSejour
) -> Dossier:
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    dossier.enregistrer_motif_sejour(etape, aujourdhui=clock.today(), maintenant=clock.now())
    repos.dossiers.enregistrer(dossier)
    return dossier


def preparer_justificatifs(repos: Repositories, *, acteur: Actor, dossier_id: str) -> Dossier:
    """Before asking documents whether pieces are missing: may step 3 be saved at all?"""
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    dossier.exiger_etape_precedente(Etape.JUSTIFICATIFS)
    return dossier


def enregistrer_justificatifs(
    repos: Repositories, *, clock: Clock, acteur: Actor, dossier_id: str, etape: EtapeJustificatifs
) -> Dossier:
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    dossier.enregistrer_justificatifs(maintenant=clock.now())
    repos.dossiers.enregistrer(dossier)
    return dossier


def enregistrer_observations(
    repos: Repositories, *, clock: Clock, acteur: Actor, dossier_id: str, etape: EtapeDepot
) -> Dossier:
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    dossier.enregistrer_observations(etape.observations, maintenant=clock.now())
    repos.dossiers.enregistrer(dossier)
    return dossier


def abandonner(repos: Repositories, *, clock: Clock, acteur: Actor, dossier_id: str) -> Dossier:
    """ "Abandonner la demande": the draft is closed and a new one may be started."""
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    dossier.abandonner(maintenant=clock.now())
    repos.dossiers.enregistrer(dossier)
    return dossier
