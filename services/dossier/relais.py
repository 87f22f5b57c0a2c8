"""Make the engine calls recorded by transactions, exactly once in effect.

A deposit records "start the process instance" in the transaction that freezes the dossier, and a
complement answer or a withdrawal records its message the same way. The request that committed it
sends it at once; if the call fails or the process crashes, the background loop sends it later.
A lease keeps the request and the loop from sending the same command together. Messages carry
their command id as `message_id`, so the engine keeps one copy; a start cannot be de-duplicated by
the engine, so the dossier binds to the first instance that claims it and any other is cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from services.dossier.ports import Horloge, MoteurProcessus
from services.dossier.storage.commandes import CommandeMoteur
from services.dossier.storage.registres import Stockage

log = logging.getLogger(__name__)


class RelaisCommandes:
    def __init__(
        self,
        stockage: Stockage,
        moteur: MoteurProcessus,
        horloge: Horloge,
        *,
        bail: timedelta = timedelta(seconds=60),
        delai_maximum: timedelta = timedelta(minutes=5),
    ) -> None:
        self.stockage, self.moteur, self.horloge = stockage, moteur, horloge
        self.bail, self.delai_maximum = bail, delai_maximum
        self.reveil = asyncio.Event()

    async def envoyer(self, commande_id: str) -> bool:
        """Send one command now if nobody else is; True when it is done. Never raises."""
        commande = await asyncio.to_thread(self._reserver, commande_id)
        if commande is None:
            return False
        try:
            await self._executer(commande)
        except Exception as error:
            log.warning(
                "appel au moteur en échec, nouvel essai plus tard",
                extra={
                    "commande": commande.id,
                    "dossier_id": commande.dossier_id,
                    "erreur": type(error).__name__,
                },
            )
            await asyncio.to_thread(self._reporter, commande)
            return False
        return True

    async def envoyer_en_attente(self) -> int:
        ids = await asyncio.to_thread(self._en_attente)
        envoyees = 0
        for commande_id in ids:
            envoyees += await self.envoyer(commande_id)
        return envoyees

    async def run(self, intervalle: float = 5.0) -> None:
        """Background loop: retry what is pending, at least every `intervalle` seconds."""
        while True:
            try:
                await self.envoyer_en_attente()
            except Exception as error:  # the database may be briefly unavailable
                log.warning("relais des commandes moteur en échec", extra={"erreur": type(error).__name__})
            self.reveil.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.reveil.wait(), intervalle)

    async def _executer(self, commande: CommandeMoteur) -> None:
        if commande.nature == "demarrer":
            cle = await self.moteur.demarrer(commande.nom, commande.variables)
            liee = await asyncio.to_thread(self._terminer_demarrage, commande, cle)
            if liee != cle:
                log.warning("instance en double annulée", extra={"dossier_id": commande.dossier_id})
                await self.moteur.annuler_instance(cle)
            return
        await self.moteur.publier_message(
            commande.nom, commande.cle_correlation or commande.dossier_id, commande.variables, commande.id
        )
        await asyncio.to_thread(self._terminer, commande)

    def _en_attente(self) -> list[str]:
        with self.stockage.transaction() as registres:
            return registres.commandes.en_attente(maintenant=self.horloge.maintenant())

    def _reserver(self, commande_id: str) -> CommandeMoteur | None:
        with self.stockage.transaction() as registres:
            return registres.commandes.reserver(
                commande_id, maintenant=self.horloge.maintenant(), bail=self.bail
            )

    def _terminer_demarrage(self, commande: CommandeMoteur, cle: int) -> int:
        with self.stockage.transaction() as registres:
            liee = registres.dossiers.lier_instance(commande.dossier_id, cle)
            registres.commandes.terminer(commande.id, maintenant=self.horloge.maintenant(), resultat=cle)
            return liee

    def _terminer(self, commande: CommandeMoteur) -> None:
        with self.stockage.transaction() as registres:
            registres.commandes.terminer(commande.id, maintenant=self.horloge.maintenant())

    def _reporter(self, commande: CommandeMoteur) -> None:
        delai = min(self.delai_maximum, timedelta(seconds=2 ** min(commande.tentatives, 10)))
        with self.stockage.transaction() as registres:
            registres.commandes.reporter(commande.id, jusqua=self.horloge.maintenant() + delai)
