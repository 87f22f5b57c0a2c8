"""« Je déclare un changement de situation »: the applicant declares their new address with a proof.

The register's address changes at once (the next application is routed by it) and the change is
kept, dated, in the person's history.
"""

from __future__ import annotations

from dataclasses import replace

from contracts.identity import DeclarationAdresse
from plumbing.actors import Actor
from plumbing.clock import new_id
from services.identity.domain.erreurs import Introuvable
from services.identity.domain.fiche import Fiche
from services.identity.domain.ports import Depots
from services.identity.domain.situation import ChangementAdresse, nouvelle_adresse, peut_declarer
from services.identity.usecases.contexte import Outils
from services.identity.usecases.fiches import DEMANDEUR_INTROUVABLE, fiche_de, lire_fiche

SUJET_ADRESSE_DECLAREE = "identity.adresse.declaree"


def declarer_adresse(
    *, depots: Depots, outils: Outils, acteur: Actor, demandeur_id: str, declaration: DeclarationAdresse
) -> ChangementAdresse:
    """Record the move in the register and its history; 404 for anyone but the applicant themself."""
    compte = depots.demandeurs.par_id(demandeur_id)
    fiche = fiche_de(depots, compte) if compte is not None else None
    if fiche is None or not peut_declarer(acteur, fiche):
        raise Introuvable(DEMANDEUR_INTROUVABLE)
    personne = fiche.personne
    changement = ChangementAdresse(
        id=new_id(),
        personne_id=personne.id,
        declare_le=outils.clock.now(),
        declare_par=fiche.compte.id,
        ancienne=personne.adresse,
        nouvelle=nouvelle_adresse(personne.adresse, declaration.adresse),
        justificatif_dossier_id=declaration.justificatif.dossier_id,
        justificatif_fichier_id=declaration.justificatif.fichier_id,
    )
    depots.registre.enregistrer_personne(replace(personne, adresse=changement.nouvelle))
    depots.registre.ajouter_changement_adresse(changement)
    depots.evenements.publier(
        SUJET_ADRESSE_DECLAREE, {"demandeurId": fiche.compte.id, "changementId": changement.id}
    )
    return changement


def historique_adresses(*, depots: Depots, acteur: Actor, demandeur_id: str) -> list[ChangementAdresse]:
    """The declared moves, newest first, for whoever may see the fiche."""
    fiche: Fiche = lire_fiche(depots=depots, acteur=acteur, demandeur_id=demandeur_id)
    return depots.registre.changements_adresse(fiche.personne.id)
