"""Client of the dossier service's internal API (routes and models in `contracts.dossier`).

The gateway acts for an applicant (`as_actor(Actor("demandeur", id))`), the back-office for an
agent. Errors are those of `contracts.clients.base`: `NotFound` for a dossier the actor may not see,
`Conflict` when its status forbids the action, `RequestRefused` (422) with `erreurs` for bad input;
an incomplete deposit's list of what is missing is `refus_depot(error)`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from contracts.clients.base import InternalApiClient, RequestRefused, path
from contracts.dossier import (
    PAR_PAGE_DEFAUT,
    ActionAgentSaisie,
    ActionAgentVue,
    Cas,
    CreationBrouillon,
    DossierComplet,
    DossierResume,
    DossierVue,
    Etape,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeJustificatifs,
    EtapeMotifSejour,
    HistoriqueStatuts,
    PageDossiers,
    PourQui,
    RefusDepot,
    ReponsePieceComplement,
    RondeComplementsVue,
    Statut,
)

SaisieEtape = EtapeInformationsPersonnelles | EtapeMotifSejour | EtapeJustificatifs | EtapeDepot
ETAPE_DE_LA_SAISIE: dict[type[SaisieEtape], Etape] = {
    EtapeInformationsPersonnelles: Etape.INFORMATIONS_PERSONNELLES,
    EtapeMotifSejour: Etape.MOTIF_SEJOUR,
    EtapeJustificatifs: Etape.JUSTIFICATIFS,
    EtapeDepot: Etape.DEPOT,
}


class DossierClient(InternalApiClient):
    service = "dossier"

    # The applicant's draft, "Déposez votre demande en 5 étapes".

    async def creer_brouillon(self, pour: PourQui = PourQui.MOI_MEME) -> DossierVue:
        """Start the applicant's draft from the register's fiche (the dossier reads it from identity),
        or resume the one in progress; `RequestRefused` (403) when this procedure is not theirs."""
        return await self.send_model("POST", DossierVue, "/dossiers", CreationBrouillon(pour=pour))

    async def mes_dossiers(self) -> list[DossierResume]:
        return await self.get_model(list[DossierResume], "/dossiers")

    async def dossier(self, dossier_id: str) -> DossierVue:
        return await self.get_model(DossierVue, path("dossiers", dossier_id))

    async def enregistrer_etape(self, dossier_id: str, saisie: SaisieEtape) -> DossierVue:
        """Save step 1 to 4 (the step follows from the model); step 3 asks documents for the pieces."""
        url = path("dossiers", dossier_id, "etapes", ETAPE_DE_LA_SAISIE[type(saisie)].value)
        return await self.send_model("PUT", DossierVue, url, saisie)

    async def abandonner(self, dossier_id: str) -> DossierVue:
        return await self.send_model("POST", DossierVue, path("dossiers", dossier_id, "abandon"))

    async def deposer(self, dossier_id: str, depot: EtapeDepot | None = None) -> DossierVue:
        """ "Déposer la demande" (once, whatever the clicks); 422 `refus_depot` when incomplete."""
        return await self.send_model("POST", DossierVue, path("dossiers", dossier_id, "depot"), depot)

    # After the deposit.

    async def historique(self, dossier_id: str) -> HistoriqueStatuts:
        return await self.get_model(HistoriqueStatuts, path("dossiers", dossier_id, "historique"))

    async def complet(self, dossier_id: str) -> DossierComplet:
        """The dossier, its history, rounds, agents' actions, pieces and generated PDFs: one call."""
        return await self.get_model(DossierComplet, path("dossiers", dossier_id, "complet"))

    async def noter_action(self, dossier_id: str, action: ActionAgentSaisie) -> ActionAgentVue:
        """Record an agent's action on the dossier (the caller is the agent: the audit trail)."""
        return await self.send_model("POST", ActionAgentVue, path("dossiers", dossier_id, "actions"), action)

    async def rondes(self, dossier_id: str) -> list[RondeComplementsVue]:
        return await self.get_model(list[RondeComplementsVue], path("dossiers", dossier_id, "complements"))

    async def ronde(self, dossier_id: str, numero: int) -> RondeComplementsVue:
        return await self.get_model(RondeComplementsVue, path("dossiers", dossier_id, "complements", numero))

    async def repondre_piece(
        self, dossier_id: str, numero: int, piece: str, reponse: ReponsePieceComplement
    ) -> RondeComplementsVue:
        """ "Maintenir" or "Mettre à jour" one requested piece (the new file goes to documents)."""
        url = path("dossiers", dossier_id, "complements", numero, "pieces", piece)
        return await self.send_model("PUT", RondeComplementsVue, url, reponse)

    async def envoyer_ronde(self, dossier_id: str, numero: int) -> RondeComplementsVue:
        """ "Valider et envoyer" the answers of a round (once)."""
        url = path("dossiers", dossier_id, "complements", numero, "envoi")
        return await self.send_model("POST", RondeComplementsVue, url)

    async def se_desister(self, dossier_id: str) -> DossierVue:
        """Withdraw the application, until the decision."""
        return await self.send_model("POST", DossierVue, path("dossiers", dossier_id, "desistement"))

    # The agents' list.

    async def dossiers_agent(
        self,
        *,
        prefecture: str | None = None,
        statut: Statut | None = None,
        cas: Cas | None = None,
        numero_demande: str | None = None,
        page: int = 1,
        par_page: int = PAR_PAGE_DEFAUT,
    ) -> PageDossiers:
        """Deposited dossiers of the agent's préfectures, most recent first, one page."""
        filtres: dict[str, Any] = {
            "prefecture": prefecture,
            "statut": statut.value if statut else None,
            "cas": cas.value if cas else None,
            "numeroDemande": numero_demande,
            "page": page,
            "parPage": par_page,
        }
        params = {nom: valeur for nom, valeur in filtres.items() if valeur is not None}
        return await self.get_model(PageDossiers, "/agent/dossiers", params=params)


def refus_depot(error: RequestRefused) -> RefusDepot | None:
    """What is missing for a deposit (or step 3's pieces), when that is why it was refused."""
    try:
        return RefusDepot.model_validate(error.body)
    except ValidationError:
        return None
