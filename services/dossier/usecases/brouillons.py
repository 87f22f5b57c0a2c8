"""The draft: created from the register's fiche, saved at every step, resumable, abandonable."""

from __future__ import annotations

import uuid

from contracts.dossier import (
    DossierVue,
    Etape,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeJustificatifs,
    EtapeMotifSejour,
)
from contracts.identity import FicheDemandeur
from plumbing.actors import Actor
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import EtatIncompatible
from services.dossier.ports import Horloge
from services.dossier.storage.registres import Registres
from services.dossier.usecases.acces import ActionReservee, dossier_du_demandeur, exiger_demandeur
from services.dossier.usecases.vues import vue_dossier


def creer_brouillon(
    registres: Registres, *, horloge: Horloge, acteur: Actor, fiche: FicheDemandeur
) -> tuple[DossierVue, bool]:
    """Start the draft, or resume the one in progress; (view, created)."""
    exiger_demandeur(acteur)
    if fiche.id != acteur.id:
        raise ActionReservee("La fiche transmise n'est pas celle du demandeur connecté.")
    en_cours = registres.dossiers.en_cours_du_demandeur(acteur.id)
    if en_cours is not None:
        if en_cours.est_brouillon:
            return vue_dossier(en_cours), False
        raise EtatIncompatible(
            "Vous avez déjà une demande en cours d'instruction : vous ne pouvez pas en déposer une autre."
        )
    dossier = Dossier.creer(dossier_id=str(uuid.uuid4()), fiche=fiche, maintenant=horloge.maintenant())
    registres.dossiers.ajouter(dossier)
    return vue_dossier(dossier), True


def enregistrer_informations_personnelles(
    registres: Registres,
    *,
    horloge: Horloge,
    acteur: Actor,
    dossier_id: str,
    etape: EtapeInformationsPersonnelles,
) -> DossierVue:
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    dossier.enregistrer_informations_personnelles(
        etape, aujourdhui=horloge.aujourdhui(), maintenant=horloge.maintenant()
    )
    registres.dossiers.enregistrer(dossier)
    return vue_dossier(dossier)


def enregistrer_motif_sejour(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str, etape: EtapeMotifSejour
) -> DossierVue:
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    dossier.enregistrer_motif_sejour(etape, aujourdhui=horloge.aujourdhui(), maintenant=horloge.maintenant())
    registres.dossiers.enregistrer(dossier)
    return vue_dossier(dossier)


def preparer_justificatifs(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str
) -> Dossier:
    """Before asking documents whether pieces are missing: may step 3 be saved at all?"""
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    dossier.exiger_etape_precedente(Etape.JUSTIFICATIFS)
    return dossier


def enregistrer_justificatifs(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str, etape: EtapeJustificatifs
) -> DossierVue:
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    dossier.enregistrer_justificatifs(etape.hebergement, maintenant=horloge.maintenant())
    registres.dossiers.enregistrer(dossier)
    return vue_dossier(dossier)


def enregistrer_observations(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str, etape: EtapeDepot
) -> DossierVue:
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    dossier.enregistrer_observations(etape.observations, maintenant=horloge.maintenant())
    registres.dossiers.enregistrer(dossier)
    return vue_dossier(dossier)


def abandonner(registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str) -> DossierVue:
    """ "Abandonner la demande": the draft is closed and a new one may be started."""
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    dossier.abandonner(maintenant=horloge.maintenant())
    registres.dossiers.enregistrer(dossier)
    return vue_dossier(dossier)
