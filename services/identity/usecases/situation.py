"""« Je déclare un changement de situation »: the applicant declares their new address with a proof.

The proof (a file the applicant sent to the documents service) is checked to be theirs and sealed;
then the register's address changes (the next application is routed by it) and the change is kept,
dated, in the person's history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from contracts.identity import Adresse, DeclarationAdresse
from plumbing.actors import Actor
from plumbing.clock import new_id
from services.identity.domain.erreurs import DonneesInvalides, Introuvable
from services.identity.domain.fiche import Fiche
from services.identity.domain.ports import Depots, JustificatifsDomicile, Transactions
from services.identity.domain.registre import departement_de
from services.identity.domain.situation import ChangementAdresse, nouvelle_adresse, peut_declarer
from services.identity.usecases.contexte import Outils
from services.identity.usecases.fiches import DEMANDEUR_INTROUVABLE, fiche_de, lire_fiche

SUJET_ADRESSE_DECLAREE = "identity.adresse.declaree"


JUSTIFICATIF_INTROUVABLE = (
    "Le justificatif de domicile est introuvable parmi vos documents : joignez-le à nouveau."
)


@dataclass(frozen=True)
class Declarations:
    """The declaration with its proof: the proof is checked and sealed by documents (outside the
    transaction) before the register changes."""

    transactions: Transactions
    outils: Outils
    justificatifs: JustificatifsDomicile

    async def declarer(
        self, *, acteur: Actor, demandeur_id: str, declaration: DeclarationAdresse
    ) -> ChangementAdresse:
        """404 for anyone but the applicant themself; 422 for an address incomplete or unchanged,
        or a proof that is not one of the applicant's « justificatif de domicile » files."""
        nouvelle = await self.transactions.run_async(
            lambda d: adresse_declarable(
                depots=d, acteur=acteur, demandeur_id=demandeur_id, saisie=declaration.adresse
            )
        )
        if not await self.justificatifs.verifier(acteur, declaration.justificatif):
            raise DonneesInvalides(JUSTIFICATIF_INTROUVABLE)
        await self.justificatifs.sceller(declaration.justificatif, departement_de(nouvelle.code_postal))
        return await self.transactions.run_async(
            lambda d: declarer_adresse(
                depots=d,
                outils=self.outils,
                acteur=acteur,
                demandeur_id=demandeur_id,
                declaration=declaration,
            )
        )


def _fiche_declarable(depots: Depots, acteur: Actor, demandeur_id: str) -> Fiche:
    compte = depots.demandeurs.par_id(demandeur_id)
    fiche = fiche_de(depots, compte) if compte is not None else None
    if fiche is None or not peut_declarer(acteur, fiche):
        raise Introuvable(DEMANDEUR_INTROUVABLE)
    return fiche


def adresse_declarable(*, depots: Depots, acteur: Actor, demandeur_id: str, saisie: Adresse) -> Adresse:
    """Before asking documents: may `acteur` declare, and is the address complete and new?"""
    fiche = _fiche_declarable(depots, acteur, demandeur_id)
    return nouvelle_adresse(fiche.personne.adresse, saisie)


def declarer_adresse(
    *, depots: Depots, outils: Outils, acteur: Actor, demandeur_id: str, declaration: DeclarationAdresse
) -> ChangementAdresse:
    """Record the move in the register and its history; 404 for anyone but the applicant themself."""
    fiche = _fiche_declarable(depots, acteur, demandeur_id)
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
