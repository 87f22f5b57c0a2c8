"""The deposit: check completeness, freeze the dossier, start its process instance exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from contracts.documents import PieceManquante
from contracts.dossier import Cas, Etape, EtapeDepot, EtapeJustificatifs
from contracts.identity import Adresse
from contracts.jobs.dossier import VariablesDemarrage
from contracts.process import PROCESS_ID
from contracts.variables import groupe_prefecture
from plumbing.actors import Actor
from plumbing.clock import Clock
from plumbing.correlation import current_correlation_id, new_correlation_id
from services.dossier.domain.depot import manquants_des_etapes
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import DepotIncomplet, EtatIncompatible, Manquant
from services.dossier.domain.ports import FichesDemandeurs, Repositories
from services.dossier.usecases import brouillons
from services.dossier.usecases.acces import dossier_du_demandeur
from services.dossier.usecases.demandeur import ActionsDuDemandeur


@dataclass(frozen=True)
class Preparation:
    dossier: Dossier
    cas: Cas


def id_demarrage(dossier_id: str) -> str:
    return f"demarrer-{dossier_id}"


def manquants_des_pieces(pieces: list[PieceManquante]) -> list[Manquant]:
    return [Manquant(Etape.JUSTIFICATIFS, f"pieces.{p.code.value}", p.libelle) for p in pieces]


def preparer_depot(repos: Repositories, *, clock: Clock, acteur: Actor, dossier_id: str) -> Preparation:
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    if not dossier.est_depose and not dossier.est_brouillon:
        raise EtatIncompatible("Cette demande a été abandonnée.")
    cas = dossier.cas if dossier.est_depose and dossier.cas else dossier.cas_le(clock.today())
    return Preparation(dossier, cas)


def figer(
    repos: Repositories,
    *,
    clock: Clock,
    acteur: Actor,
    dossier_id: str,
    etape: EtapeDepot,
    pieces_manquantes: list[PieceManquante],
    adresse_registre: Adresse | None = None,
) -> Dossier:
    """Freeze a complete dossier and record the process start in the same transaction; the
    préfecture follows `adresse_registre`, the register's address read from identity."""
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    if dossier.est_depose:
        return dossier  # a double click: the first deposit stands
    maintenant = clock.now()
    cas = dossier.cas_le(clock.today())
    manquants = manquants_des_etapes(dossier, cas) + manquants_des_pieces(pieces_manquantes)
    if manquants:
        raise DepotIncomplet(manquants)
    if etape.observations is not None:
        dossier.enregistrer_observations(etape.observations, maintenant=maintenant)
    dossier.deposer(cas=cas, maintenant=maintenant, jour=clock.today(), adresse_registre=adresse_registre)
    repos.dossiers.enregistrer(dossier)
    repos.commandes_moteur.creer_instance(
        id_demarrage(dossier.id), PROCESS_ID, variables_de_demarrage(dossier), maintenant=maintenant
    )
    return dossier


def variables_de_demarrage(dossier: Dossier) -> dict[str, Any]:
    """The variables the process instance of a deposit starts with (`VariablesDemarrage`)."""
    variables = VariablesDemarrage(
        dossier_id=dossier.id,
        demandeur_id=dossier.demandeur_id,
        cas=dossier.cas,
        prefecture=groupe_prefecture(dossier.prefecture),
        date_fin_validite_titre=dossier.titre_en_cours.date_fin,
        correlation_id=current_correlation_id() or new_correlation_id(),
    )
    return variables.model_dump(mode="json")


@dataclass(frozen=True)
class Depot(ActionsDuDemandeur):
    """ "Déposer la demande": what is missing comes back as a list; a double click deposits once."""

    fiches: FichesDemandeurs

    async def deposer(self, *, acteur: Actor, dossier_id: str, etape: EtapeDepot) -> Dossier:
        """The pieces (documents) and the register's address (identity) are asked outside the
        transaction; the start is sent after it."""
        preparation = await self.transactions.run_async(
            partial(preparer_depot, clock=self.clock, acteur=acteur, dossier_id=dossier_id)
        )
        dossier = preparation.dossier
        if not dossier.est_depose:
            manquantes = await self.pieces.manquantes(dossier_id, cas=preparation.cas)
            adresse = (await self.fiches.fiche(dossier.demandeur_id)).adresse
            dossier = await self.transactions.run_async(
                partial(
                    figer,
                    clock=self.clock,
                    acteur=acteur,
                    dossier_id=dossier_id,
                    etape=etape,
                    pieces_manquantes=manquantes,
                    adresse_registre=adresse,
                )
            )
        await self.envoi.send(id_demarrage(dossier_id))
        return dossier

    async def enregistrer_justificatifs(
        self, *, acteur: Actor, dossier_id: str, etape: EtapeJustificatifs
    ) -> Dossier:
        """Step 3 is saved only when the documents service has every required piece."""
        dossier = await self.transactions.run_async(
            partial(brouillons.preparer_justificatifs, acteur=acteur, dossier_id=dossier_id)
        )
        cas = dossier.cas_le(self.clock.today())
        manquantes = await self.pieces.manquantes(dossier_id, cas=cas)
        if manquantes:
            raise DepotIncomplet(
                manquants_des_pieces(manquantes), "Des justificatifs obligatoires sont manquants."
            )
        return await self.transactions.run_async(
            partial(
                brouillons.enregistrer_justificatifs,
                clock=self.clock,
                acteur=acteur,
                dossier_id=dossier_id,
                etape=etape,
            )
        )
