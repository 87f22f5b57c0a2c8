"""In-memory complement rounds of the dossier service, answering as its API does."""

from __future__ import annotations

from contracts.clients.base import Conflict, NotFound, RequestRefused
from contracts.dossier import (
    LIBELLES_STATUT,
    PieceComplementVue,
    ReponseComplement,
    ReponsePieceComplement,
    RondeComplementsVue,
    Statut,
)
from tests.services.gateway.fakes_demande import MOMENT, FakeDemandes, FakeJustificatifs


class FakeRondes:
    """Rounds by dossier; `envois` counts the « Valider et envoyer » that reached the service."""

    def __init__(self, demandes: FakeDemandes, justificatifs: FakeJustificatifs) -> None:
        self.demandes, self.justificatifs = demandes, justificatifs
        self.rondes: dict[str, list[RondeComplementsVue]] = {}
        self.envois = 0

    def ouvrir(self, dossier_id: str, *pieces: tuple[str, str, str]) -> int:
        """What the agent's « Demande de compléments » does: (code, label, observation)."""
        rondes = self.rondes.setdefault(dossier_id, [])
        vues = [PieceComplementVue(piece=c, libelle=lib, observation=obs) for c, lib, obs in pieces]
        rondes.append(
            RondeComplementsVue(
                dossier_id=dossier_id, numero=len(rondes) + 1, ouverte_le=MOMENT, envoyee_le=None, pieces=vues
            )
        )
        self.demandes.passer_a(dossier_id, Statut.COMPLEMENTS_DEMANDES)
        return len(rondes)

    async def rondes_de(self, acteur: str, dossier_id: str) -> list[RondeComplementsVue]:
        self.demandes._du(acteur, dossier_id)
        return list(self.rondes.get(dossier_id, []))

    async def ronde_de(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue:
        for ronde in await self.rondes_de(acteur, dossier_id):
            if ronde.numero == numero:
                return ronde
        raise NotFound(404, "Demande de complément introuvable.")

    def _remplacer(self, ronde: RondeComplementsVue) -> None:
        self.rondes[ronde.dossier_id][ronde.numero - 1] = ronde

    async def repondre(
        self, acteur: str, dossier_id: str, numero: int, piece: str, reponse: ReponsePieceComplement
    ) -> RondeComplementsVue:
        ronde = await self.ronde_de(acteur, dossier_id, numero)
        if ronde.envoyee_le is not None:
            raise Conflict(409, "Vous avez déjà répondu à cette demande de complément.")
        if reponse.reponse is ReponseComplement.MAINTENIR and not reponse.motif:
            raise RequestRefused(
                422,
                "Données invalides.",
                [{"champ": "motif", "message": "Veuillez préciser les raisons du maintien du document."}],
            )
        pieces = [
            p.model_copy(update={**reponse.model_dump(), "repondu_le": MOMENT}) if p.piece == piece else p
            for p in ronde.pieces
        ]
        nouvelle = ronde.model_copy(update={"pieces": pieces})
        self._remplacer(nouvelle)
        return nouvelle

    async def envoyer(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue:
        ronde = await self.ronde_de(acteur, dossier_id, numero)
        self.envois += 1
        if ronde.envoyee_le is not None:
            return ronde
        erreurs = [
            {"champ": f"pieces.{p.piece}.reponse", "message": "Votre réponse est obligatoire."}
            for p in ronde.pieces
            if p.reponse is None
        ]
        erreurs += [
            {
                "champ": f"pieces.{p.piece}.fichiers",
                "message": "Joignez le nouveau document avant d'envoyer votre réponse.",
            }
            for p in ronde.pieces
            if p.reponse is ReponseComplement.METTRE_A_JOUR
            and not any(f.ronde == numero for f in self.justificatifs.fichiers.get(p.piece, []))
        ]
        if erreurs:
            raise RequestRefused(422, "Votre réponse à la demande de complément est incomplète.", erreurs)
        envoyee = ronde.model_copy(update={"envoyee_le": MOMENT})
        self._remplacer(envoyee)
        statut = Statut.COMPLEMENTS_DEPOSES
        self.demandes._maj(
            self.demandes.dossiers[dossier_id], statut=statut, libelle_statut=LIBELLES_STATUT[statut]
        )
        return envoyee
