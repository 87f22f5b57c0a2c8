"""The dossier's internal API (called by the gateway for applicants and the back-office for agents)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response, status

from contracts.dossier import (
    PAR_PAGE_DEFAUT,
    PAR_PAGE_MAX,
    Cas,
    CreationBrouillon,
    DossierResume,
    DossierVue,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeJustificatifs,
    EtapeMotifSejour,
    HistoriqueStatuts,
    PageDossiers,
    ReponsePieceComplement,
    RondeComplementsVue,
    Statut,
)
from plumbing.actors import CurrentActor
from services.dossier.execution import Execution
from services.dossier.usecases import brouillons, complements, consultation
from services.dossier.usecases.complements import ReponsesComplements
from services.dossier.usecases.depot import Depot

NumeroRonde = Annotated[int, Path(ge=1, le=1_000)]  # bounded: a huge number must not reach the database


@dataclass(frozen=True)
class DependancesApi:
    execution: Execution
    depot: Depot
    reponses: ReponsesComplements


def build_api_router(deps: DependancesApi) -> APIRouter:
    router = APIRouter()
    executer = deps.execution
    build_draft_routes(router, deps)

    @router.get("/dossiers/{dossier_id}/historique")
    async def historique(dossier_id: str, acteur: CurrentActor) -> HistoriqueStatuts:
        return await executer(consultation.historique, acteur=acteur, dossier_id=dossier_id)

    @router.get("/dossiers/{dossier_id}/complements")
    async def rondes(dossier_id: str, acteur: CurrentActor) -> list[RondeComplementsVue]:
        return await executer(consultation.rondes, acteur=acteur, dossier_id=dossier_id)

    @router.get("/dossiers/{dossier_id}/complements/{numero}")
    async def ronde(dossier_id: str, numero: NumeroRonde, acteur: CurrentActor) -> RondeComplementsVue:
        return await executer(consultation.ronde, acteur=acteur, dossier_id=dossier_id, numero=numero)

    @router.put("/dossiers/{dossier_id}/complements/{numero}/pieces/{piece}")
    async def repondre(
        dossier_id: str,
        numero: NumeroRonde,
        piece: Annotated[str, Path(max_length=64)],
        reponse: ReponsePieceComplement,
        acteur: CurrentActor,
    ) -> RondeComplementsVue:
        arguments = {"dossier_id": dossier_id, "numero": numero, "piece": piece, "reponse": reponse}
        return await executer(complements.repondre_piece, acteur=acteur, **arguments)

    @router.post("/dossiers/{dossier_id}/complements/{numero}/envoi")
    async def envoyer(dossier_id: str, numero: NumeroRonde, acteur: CurrentActor) -> RondeComplementsVue:
        return await deps.reponses.envoyer(acteur=acteur, dossier_id=dossier_id, numero=numero)

    @router.post("/dossiers/{dossier_id}/desistement")
    async def desister(dossier_id: str, acteur: CurrentActor) -> DossierVue:
        return await deps.reponses.se_desister(acteur=acteur, dossier_id=dossier_id)

    @router.get("/agent/dossiers")
    async def dossiers_agent(
        acteur: CurrentActor,
        prefecture: Annotated[str | None, Query(max_length=3)] = None,
        statut: Statut | None = None,
        cas: Cas | None = None,
        numero_demande: Annotated[str | None, Query(alias="numeroDemande", max_length=24)] = None,
        page: Annotated[int, Query(ge=1, le=10_000)] = 1,
        par_page: Annotated[int, Query(alias="parPage", ge=1, le=PAR_PAGE_MAX)] = PAR_PAGE_DEFAUT,
    ) -> PageDossiers:
        filtres = {"prefecture": prefecture, "statut": statut, "cas": cas, "numero_demande": numero_demande}
        return await executer(
            consultation.dossiers_de_prefecture, acteur=acteur, page=page, par_page=par_page, **filtres
        )

    return router


def build_draft_routes(router: APIRouter, deps: DependancesApi) -> None:
    """From "Je commence" to "Déposer la demande"."""
    executer = deps.execution

    @router.post("/dossiers", status_code=status.HTTP_201_CREATED)
    async def creer(demande: CreationBrouillon, acteur: CurrentActor, response: Response) -> DossierVue:
        vue, cree = await executer(brouillons.creer_brouillon, acteur=acteur, fiche=demande.fiche)
        response.status_code = status.HTTP_201_CREATED if cree else status.HTTP_200_OK
        return vue

    @router.get("/dossiers")
    async def mes_dossiers(acteur: CurrentActor) -> list[DossierResume]:
        return await executer(consultation.mes_dossiers, acteur=acteur)

    @router.get("/dossiers/{dossier_id}")
    async def lire(dossier_id: str, acteur: CurrentActor) -> DossierVue:
        return await executer(consultation.lire, acteur=acteur, dossier_id=dossier_id)

    @router.put("/dossiers/{dossier_id}/etapes/informations-personnelles")
    async def etape_1(
        dossier_id: str, etape: EtapeInformationsPersonnelles, acteur: CurrentActor
    ) -> DossierVue:
        cas_usage = brouillons.enregistrer_informations_personnelles
        return await executer(cas_usage, acteur=acteur, dossier_id=dossier_id, etape=etape)

    @router.put("/dossiers/{dossier_id}/etapes/motif-sejour")
    async def etape_2(dossier_id: str, etape: EtapeMotifSejour, acteur: CurrentActor) -> DossierVue:
        return await executer(
            brouillons.enregistrer_motif_sejour, acteur=acteur, dossier_id=dossier_id, etape=etape
        )

    @router.put("/dossiers/{dossier_id}/etapes/justificatifs")
    async def etape_3(dossier_id: str, etape: EtapeJustificatifs, acteur: CurrentActor) -> DossierVue:
        return await deps.depot.enregistrer_justificatifs(acteur=acteur, dossier_id=dossier_id, etape=etape)

    @router.put("/dossiers/{dossier_id}/etapes/depot")
    async def etape_4(dossier_id: str, etape: EtapeDepot, acteur: CurrentActor) -> DossierVue:
        return await executer(
            brouillons.enregistrer_observations, acteur=acteur, dossier_id=dossier_id, etape=etape
        )

    @router.post("/dossiers/{dossier_id}/abandon")
    async def abandonner(dossier_id: str, acteur: CurrentActor) -> DossierVue:
        return await executer(brouillons.abandonner, acteur=acteur, dossier_id=dossier_id)

    @router.post("/dossiers/{dossier_id}/depot")
    async def deposer(
        dossier_id: str, acteur: CurrentActor, etape: Annotated[EtapeDepot | None, Body()] = None
    ) -> DossierVue:
        return await deps.depot.deposer(acteur=acteur, dossier_id=dossier_id, etape=etape or EtapeDepot())
