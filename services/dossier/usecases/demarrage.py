"""Starting a draft and saving step 1 with the register's fiche, read from identity each time.

identity is asked outside the transaction: the fiche decides who may start (`domain.procedure`)
and the address the draft keeps; a move declared meanwhile is taken into account at step 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from contracts.dossier import EtapeInformationsPersonnelles, PourQui
from plumbing.actors import Actor
from plumbing.clock import Clock
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.ports import FichesDemandeurs, Transactions
from services.dossier.domain.procedure import verifier_procedure
from services.dossier.usecases import brouillons
from services.dossier.usecases.acces import exiger_demandeur


@dataclass(frozen=True)
class Demarrage:
    transactions: Transactions
    fiches: FichesDemandeurs
    clock: Clock

    async def commencer(self, *, acteur: Actor, pour: PourQui) -> tuple[Dossier, bool]:
        """ "Je commence": the draft (created, True) or the one in progress; 403 for whom this
        procedure is not (another title, under 16, for someone else)."""
        exiger_demandeur(acteur)
        fiche = await self.fiches.fiche(acteur.id)
        verifier_procedure(fiche, pour, self.clock.today())
        creation = partial(brouillons.creer_brouillon, clock=self.clock, acteur=acteur, fiche=fiche)
        return await self.transactions.run_async(creation)

    async def enregistrer_informations_personnelles(
        self, *, acteur: Actor, dossier_id: str, etape: EtapeInformationsPersonnelles
    ) -> Dossier:
        exiger_demandeur(acteur)
        await self.transactions.run_async(
            partial(brouillons.preparer_informations_personnelles, acteur=acteur, dossier_id=dossier_id)
        )
        adresse = (await self.fiches.fiche(acteur.id)).adresse
        saisie = partial(
            brouillons.enregistrer_informations_personnelles,
            clock=self.clock,
            acteur=acteur,
            dossier_id=dossier_id,
            etape=etape,
            adresse_registre=adresse,
        )
        return await self.transactions.run_async(saisie)
