"""The dossier service's API (`contracts.clients.dossier`), as `domain.ports.Demandes`."""

from __future__ import annotations

from contracts.clients.dossier import DossierClient
from contracts.dossier import (
    DossierComplet,
    DossierResume,
    DossierVue,
    EtapeDepot,
    HistoriqueStatuts,
    PourQui,
    ReponsePieceComplement,
    RondeComplementsVue,
)
from plumbing.actors import actor_from_token
from services.gateway.domain.ports import SaisieEtape


class DossierDemandes:
    """Every call as the applicant themself: the dossier service shows them their own dossiers only."""

    def __init__(self, client: DossierClient) -> None:
        self.client = client

    def _pour(self, acteur: str) -> DossierClient:
        return self.client.as_actor(actor_from_token(acteur))

    async def commencer(self, acteur: str, pour: PourQui) -> DossierVue:
        return await self._pour(acteur).creer_brouillon(pour)

    async def mes_dossiers(self, acteur: str) -> list[DossierResume]:
        return await self._pour(acteur).mes_dossiers()

    async def dossier(self, acteur: str, dossier_id: str) -> DossierVue:
        return await self._pour(acteur).dossier(dossier_id)

    async def enregistrer(self, acteur: str, dossier_id: str, saisie: SaisieEtape) -> DossierVue:
        return await self._pour(acteur).enregistrer_etape(dossier_id, saisie)

    async def abandonner(self, acteur: str, dossier_id: str) -> DossierVue:
        return await self._pour(acteur).abandonner(dossier_id)

    async def deposer(self, acteur: str, dossier_id: str, depot: EtapeDepot) -> DossierVue:
        return await self._pour(acteur).deposer(dossier_id, depot)

    async def historique(self, acteur: str, dossier_id: str) -> HistoriqueStatuts:
        return await self._pour(acteur).historique(dossier_id)

    async def complet(self, acteur: str, dossier_id: str) -> DossierComplet:
        return await self._pour(acteur).complet(dossier_id)

    async def se_desister(self, acteur: str, dossier_id: str) -> DossierVue:
        return await self._pour(acteur).se_desister(dossier_id)

    async def rondes(self, acteur: str, dossier_id: str) -> list[RondeComplementsVue]:
        return await self._pour(acteur).rondes(dossier_id)

    async def ronde(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue:
        return await self._pour(acteur).ronde(dossier_id, numero)

    async def repondre_piece(
        self, acteur: str, dossier_id: str, numero: int, piece: str, reponse: ReponsePieceComplement
    ) -> RondeComplementsVue:
        return await self._pour(acteur).repondre_piece(dossier_id, numero, piece, reponse)

    async def envoyer_ronde(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue:
        return await self._pour(acteur).envoyer_ronde(dossier_id, numero)
