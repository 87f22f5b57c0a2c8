"""The dossier's internal API (called by the gateway for applicants and the back-office for agents).

Routes and models: `contracts.dossier`; client: `contracts.clients.dossier.DossierClient`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response, status

from contracts.clients.base import ServiceUnavailable
from contracts.dossier import (
    PAR_PAGE_DEFAUT,
    PAR_PAGE_MAX,
    ActionAgentSaisie,
    ActionAgentVue,
    Cas,
    CreationBrouillon,
    DossierComplet,
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
from plumbing.authentication import REFUS_ACTEUR, CurrentActor
from plumbing.clock import Clock
from plumbing.erreurs_requete import refus
from services.dossier.api.views import (
    page_dossiers,
    resume_dossier,
    vue_action,
    vue_complete,
    vue_dossier,
    vue_historique,
    vue_ronde,
)
from services.dossier.domain.ports import PiecesJustificatives, Transactions
from services.dossier.usecases import actions, brouillons, complements, consultation
from services.dossier.usecases.complements import ReponsesComplements
from services.dossier.usecases.demarrage import Demarrage
from services.dossier.usecases.depot import Depot

NumeroRonde = Annotated[int, Path(ge=1, le=1_000)]  # bounded: a huge number must not reach the database
CodePiece = Annotated[str, Path(max_length=64)]
LECTURE = refus(404)  # a dossier that does not exist, or that the actor may not see
ECRITURE = refus(404, 409, 503)  # ... or in a state that forbids it; identity or documents down


@dataclass(frozen=True)
class ApiDeps:
    transactions: Transactions
    clock: Clock
    depot: Depot
    reponses: ReponsesComplements
    demarrage: Demarrage
    pieces: PiecesJustificatives


def build_api_router(deps: ApiDeps) -> APIRouter:
    router = APIRouter(responses=REFUS_ACTEUR)
    build_draft_routes(router, deps)
    build_instruction_routes(router, deps)
    return router


def build_draft_routes(router: APIRouter, deps: ApiDeps) -> None:
    """From "Je commence" to "Déposer la demande"."""
    run, clock = deps.transactions.run_async, deps.clock

    @router.post(
        "/dossiers",
        status_code=status.HTTP_201_CREATED,
        responses={
            200: {"model": DossierVue, "description": "Le brouillon déjà commencé"},
            **refus(409, 503),
        },
    )
    async def creer(demande: CreationBrouillon, acteur: CurrentActor, response: Response) -> DossierVue:
        dossier, cree = await deps.demarrage.commencer(acteur=acteur, pour=demande.pour)
        response.status_code = status.HTTP_201_CREATED if cree else status.HTTP_200_OK
        return vue_dossier(dossier)

    @router.get("/dossiers")
    async def mes_dossiers(acteur: CurrentActor) -> list[DossierResume]:
        return [resume_dossier(d) for d in await run(partial(consultation.mes_dossiers, acteur=acteur))]

    @router.get("/dossiers/{dossier_id}", responses=LECTURE)
    async def lire(dossier_id: str, acteur: CurrentActor) -> DossierVue:
        return vue_dossier(await run(partial(consultation.lire, acteur=acteur, dossier_id=dossier_id)))

    @router.put("/dossiers/{dossier_id}/etapes/informations-personnelles", responses=ECRITURE)
    async def etape_1(
        dossier_id: str, etape: EtapeInformationsPersonnelles, acteur: CurrentActor
    ) -> DossierVue:
        saisie = deps.demarrage.enregistrer_informations_personnelles(
            acteur=acteur, dossier_id=dossier_id, etape=etape
        )
        return vue_dossier(await saisie)

    @router.put("/dossiers/{dossier_id}/etapes/motif-sejour", responses=ECRITURE)
    async def etape_2(dossier_id: str, etape: EtapeMotifSejour, acteur: CurrentActor) -> DossierVue:
        saisie = partial(
            brouillons.enregistrer_motif_sejour,
            clock=clock,
            acteur=acteur,
            dossier_id=dossier_id,
            etape=etape,
        )
        return vue_dossier(await run(saisie))

    @router.put("/dossiers/{dossier_id}/etapes/justificatifs", responses=ECRITURE)
    async def etape_3(dossier_id: str, etape: EtapeJustificatifs, acteur: CurrentActor) -> DossierVue:
        dossier = await deps.depot.enregistrer_justificatifs(
            acteur=acteur, dossier_id=dossier_id, etape=etape
        )
        return vue_dossier(dossier)

    @router.put("/dossiers/{dossier_id}/etapes/depot", responses=ECRITURE)
    async def etape_4(dossier_id: str, etape: EtapeDepot, acteur: CurrentActor) -> DossierVue:
        saisie = partial(
            brouillons.enregistrer_observations,
            clock=clock,
            acteur=acteur,
            dossier_id=dossier_id,
            etape=etape,
        )
        return vue_dossier(await run(saisie))

    @router.post("/dossiers/{dossier_id}/abandon", responses=ECRITURE)
    async def abandonner(dossier_id: str, acteur: CurrentActor) -> DossierVue:
        abandon = partial(brouillons.abandonner, clock=clock, acteur=acteur, dossier_id=dossier_id)
        return vue_dossier(await run(abandon))

    @router.post("/dossiers/{dossier_id}/depot", responses=ECRITURE)
    async def deposer(
        dossier_id: str, acteur: CurrentActor, etape: Annotated[EtapeDepot | None, Body()] = None
    ) -> DossierVue:
        depot = deps.depot.deposer(acteur=acteur, dossier_id=dossier_id, etape=etape or EtapeDepot())
        return vue_dossier(await depot)


def build_instruction_routes(router: APIRouter, deps: ApiDeps) -> None:
    """After the deposit: history, complement rounds, withdrawal, and the agents' list."""
    run, clock = deps.transactions.run_async, deps.clock

    @router.get("/dossiers/{dossier_id}/historique", responses=LECTURE)
    async def historique(dossier_id: str, acteur: CurrentActor) -> HistoriqueStatuts:
        transitions = await run(partial(consultation.historique, acteur=acteur, dossier_id=dossier_id))
        return vue_historique(dossier_id, transitions)

    @router.get("/dossiers/{dossier_id}/complet", responses=LECTURE)
    async def complet(dossier_id: str, acteur: CurrentActor) -> DossierComplet:
        """What a page needs in one call; the documents service is asked after the dossier's own
        check (a dossier the actor may not see answers 404 before anything is asked)."""
        lu = await run(partial(consultation.complet, acteur=acteur, dossier_id=dossier_id))
        try:
            documents = await deps.pieces.documents(lu.dossier.id)
        except ServiceUnavailable:
            documents = None
        return vue_complete(lu, documents)

    @router.post("/dossiers/{dossier_id}/actions", status_code=status.HTTP_201_CREATED, responses=ECRITURE)
    async def noter_action(
        dossier_id: str, saisie: ActionAgentSaisie, acteur: CurrentActor
    ) -> ActionAgentVue:
        note = partial(actions.noter_action, clock=clock, acteur=acteur, dossier_id=dossier_id, saisie=saisie)
        return vue_action(await run(note))

    @router.get("/dossiers/{dossier_id}/complements", responses=LECTURE)
    async def rondes(dossier_id: str, acteur: CurrentActor) -> list[RondeComplementsVue]:
        trouvees = await run(partial(consultation.rondes, acteur=acteur, dossier_id=dossier_id))
        return [vue_ronde(r) for r in trouvees]

    @router.get("/dossiers/{dossier_id}/complements/{numero}", responses=LECTURE)
    async def ronde(dossier_id: str, numero: NumeroRonde, acteur: CurrentActor) -> RondeComplementsVue:
        lecture = partial(consultation.ronde, acteur=acteur, dossier_id=dossier_id, numero=numero)
        return vue_ronde(await run(lecture))

    @router.put("/dossiers/{dossier_id}/complements/{numero}/pieces/{piece}", responses=ECRITURE)
    async def repondre(
        dossier_id: str,
        numero: NumeroRonde,
        piece: CodePiece,
        reponse: ReponsePieceComplement,
        acteur: CurrentActor,
    ) -> RondeComplementsVue:
        reponse_piece = partial(
            complements.repondre_piece,
            clock=clock,
            acteur=acteur,
            dossier_id=dossier_id,
            numero=numero,
            piece=piece,
            reponse=reponse,
        )
        return vue_ronde(await run(reponse_piece))

    @router.post("/dossiers/{dossier_id}/complements/{numero}/envoi", responses=ECRITURE)
    async def envoyer(dossier_id: str, numero: NumeroRonde, acteur: CurrentActor) -> RondeComplementsVue:
        return vue_ronde(await deps.reponses.envoyer(acteur=acteur, dossier_id=dossier_id, numero=numero))

    @router.post("/dossiers/{dossier_id}/desistement", responses=ECRITURE)
    async def desister(dossier_id: str, acteur: CurrentActor) -> DossierVue:
        return vue_dossier(await deps.reponses.se_desister(acteur=acteur, dossier_id=dossier_id))

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
        recherche = partial(
            consultation.dossiers_de_prefecture,
            acteur=acteur,
            prefecture=prefecture,
            statut=statut,
            cas=cas,
            numero_demande=numero_demande,
            page=page,
            par_page=par_page,
        )
        trouves, total = await run(recherche)
        return page_dossiers(trouves, total=total, page=page, par_page=par_page)
