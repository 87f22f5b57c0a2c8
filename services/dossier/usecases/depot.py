"""The deposit: check completeness, freeze the dossier, start its process instance exactly once."""

from __future__ import annotations

from dataclasses import dataclass

from contracts.documents import Hebergement, PieceManquante
from contracts.dossier import Cas, DossierVue, Etape, EtapeDepot, EtapeJustificatifs
from contracts.process import PROCESS_ID, Variable
from plumbing.actors import Actor
from plumbing.correlation import current_correlation_id, new_correlation_id
from services.dossier.domain.depot import manquants_des_etapes
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import DepotIncomplet, EtatIncompatible, Manquant
from services.dossier.execution import Execution
from services.dossier.ports import Horloge, PiecesJustificatives
from services.dossier.relais import RelaisCommandes
from services.dossier.storage.commandes import CommandeMoteur
from services.dossier.storage.registres import Registres
from services.dossier.usecases import brouillons
from services.dossier.usecases.acces import dossier_du_demandeur
from services.dossier.usecases.vues import vue_dossier


@dataclass(frozen=True)
class Preparation:
    vue: DossierVue
    cas: Cas
    hebergement: Hebergement
    deja_depose: bool


def id_demarrage(dossier_id: str) -> str:
    return f"demarrer-{dossier_id}"


def preparer_depot(registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str) -> Preparation:
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    if not dossier.est_depose and not dossier.est_brouillon:
        raise EtatIncompatible("Cette demande a été abandonnée.")
    cas = dossier.cas if dossier.est_depose and dossier.cas else dossier.cas_le(horloge.aujourdhui())
    hebergement = dossier.hebergement or Hebergement.PERSONNEL
    return Preparation(vue_dossier(dossier), cas, hebergement, dossier.est_depose)


def figer(
    registres: Registres,
    *,
    horloge: Horloge,
    acteur: Actor,
    dossier_id: str,
    etape: EtapeDepot,
    pieces_manquantes: list[PieceManquante],
) -> DossierVue:
    """Freeze a complete dossier and record the process start in the same transaction."""
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    if dossier.est_depose:
        return vue_dossier(dossier)  # a double click: the first deposit stands
    maintenant = horloge.maintenant()
    cas = dossier.cas_le(horloge.aujourdhui())
    manquants = manquants_des_etapes(dossier, cas) + [
        Manquant(Etape.JUSTIFICATIFS, f"pieces.{p.code.value}", p.libelle) for p in pieces_manquantes
    ]
    if manquants:
        raise DepotIncomplet(manquants)
    if etape.observations is not None:
        dossier.enregistrer_observations(etape.observations, maintenant=maintenant)
    dossier.deposer(cas=cas, maintenant=maintenant, jour=horloge.aujourdhui())
    registres.dossiers.enregistrer(dossier)
    registres.commandes.ajouter(commande_demarrage(dossier), maintenant=maintenant)
    return vue_dossier(dossier)


def commande_demarrage(dossier: Dossier) -> CommandeMoteur:
    variables = {
        Variable.DOSSIER_ID.value: dossier.id,
        Variable.DEMANDEUR_ID.value: dossier.demandeur_id,
        Variable.CAS.value: dossier.cas.value if dossier.cas else None,
        Variable.PREFECTURE.value: f"prefecture-{dossier.prefecture}",
        Variable.DATE_FIN_VALIDITE_TITRE.value: dossier.titre_en_cours.date_fin.isoformat(),
        Variable.CORRELATION_ID.value: current_correlation_id() or new_correlation_id(),
    }
    return CommandeMoteur(id_demarrage(dossier.id), dossier.id, "demarrer", PROCESS_ID, variables)


class Depot:
    """ "Déposer la demande": what is missing comes back as a list; a double click deposits once."""

    def __init__(self, execution: Execution, pieces: PiecesJustificatives, relais: RelaisCommandes) -> None:
        self.execution, self.pieces, self.relais = execution, pieces, relais

    async def deposer(self, *, acteur: Actor, dossier_id: str, etape: EtapeDepot) -> DossierVue:
        preparation = await self.execution(preparer_depot, acteur=acteur, dossier_id=dossier_id)
        if preparation.deja_depose:
            await self.relais.envoyer(id_demarrage(dossier_id))
            return preparation.vue
        manquantes = await self.pieces.manquantes(
            dossier_id, cas=preparation.cas, hebergement=preparation.hebergement
        )
        vue = await self.execution(
            figer, acteur=acteur, dossier_id=dossier_id, etape=etape, pieces_manquantes=manquantes
        )
        await self.relais.envoyer(id_demarrage(dossier_id))
        return vue

    async def enregistrer_justificatifs(
        self, *, acteur: Actor, dossier_id: str, etape: EtapeJustificatifs
    ) -> DossierVue:
        """Step 3 is saved only when the documents service has every required piece."""
        dossier = await self.execution(
            brouillons.preparer_justificatifs, acteur=acteur, dossier_id=dossier_id
        )
        cas = dossier.cas_le(self.execution.horloge.aujourdhui())
        manquantes = await self.pieces.manquantes(dossier_id, cas=cas, hebergement=etape.hebergement)
        if manquantes:
            raise DepotIncomplet(
                [Manquant(Etape.JUSTIFICATIFS, f"pieces.{p.code.value}", p.libelle) for p in manquantes],
                "Des justificatifs obligatoires sont manquants.",
            )
        return await self.execution(
            brouillons.enregistrer_justificatifs, acteur=acteur, dossier_id=dossier_id, etape=etape
        )
