"""Screen 4, choosing the procedure: for whom, the title to renew, the preamble; then the draft."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import Conflict, RequestRefused
from contracts.dossier import HORS_PROCEDURE_TITRE, PourQui, Statut
from services.gateway.api.deps import GatewayDeps
from services.gateway.api.formulaire import FormulaireRecu
from services.gateway.api.pages import Visiteur
from services.gateway.api.telechargement import telechargement
from services.gateway.domain.demande import AUTRES_TITRES, ETAPES, titre_renouvelable
from services.gateway.domain.formulaires import Erreurs

POUR = {
    "moi-meme": "Moi-même (à partir de 16 ans)",
    "mineur-protection-internationale": "Un mineur bénéficiaire de la protection internationale de plus de 16 ans",
}
RENOUVELLEMENT = "renouvellement"
NON_RENOUVELABLE = HORS_PROCEDURE_TITRE  # the dossier's own words when it refuses a start
Choix = Annotated[str, Query(max_length=100)]


def build_demande_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages

    async def choix(request: Request, erreurs: Erreurs | None = None) -> Response:
        connecte = await deps.demandeur(request)
        dossiers = await deps.demandes.mes_dossiers(connecte.acteur)
        en_cours = next((d for d in dossiers if d.statut is Statut.BROUILLON), None)
        deposees = [d for d in dossiers if d.statut not in (Statut.BROUILLON, Statut.ABANDONNEE)]
        visiteur = await deps.cloche(connecte)
        statut = 422 if erreurs else 200
        return pages.render(
            request,
            "demande/choix.html",
            status=statut,
            visiteur=visiteur,
            pour=POUR,
            en_cours=en_cours,
            deposees=deposees,
            erreurs=erreurs,
        )

    @router.get("/espace/demande")
    async def pour_qui(request: Request) -> Response:
        """« Je sollicite ou renouvelle un titre de séjour pour : »."""
        return await choix(request)

    @router.get("/espace/demande/situation")
    async def situation(request: Request, pour: Choix = "") -> Response:
        """« Votre situation actuelle »: the title held and its mention, from the register."""
        if pour not in POUR:
            return await choix(request, _erreur("pour", "Choisissez pour qui vous faites la demande."))
        visiteur = await deps.visiteur(request)
        if visiteur is None:
            return RedirectResponse("/connexion", status_code=303)
        if pour != "moi-meme":
            return pages.render(request, "hors_procedure.html", titre=POUR[pour], visiteur=visiteur)
        return _situation(request, visiteur)

    def _situation(request: Request, visiteur: Visiteur, erreurs: Erreurs | None = None) -> Response:
        titre = visiteur.fiche.titre_en_cours
        return pages.render(
            request,
            "demande/situation.html",
            status=422 if erreurs else 200,
            visiteur=visiteur,
            titre=titre,
            renouvelable=titre_renouvelable(titre),
            autres_titres=AUTRES_TITRES,
            erreurs=erreurs,
        )

    @router.get("/espace/demande/preambule")
    async def preambule(request: Request, titre: Choix = "") -> Response:
        """« Demander un titre de séjour »: the five steps, the formats, the e-photo, the list of pieces."""
        visiteur = await deps.visiteur(request)
        if visiteur is None:
            return RedirectResponse("/connexion", status_code=303)
        if titre in AUTRES_TITRES:
            return pages.render(request, "hors_procedure.html", titre=titre, visiteur=visiteur)
        if titre != RENOUVELLEMENT or not titre_renouvelable(visiteur.fiche.titre_en_cours):
            return _situation(
                request, visiteur, _erreur("titre", "Choisissez le titre de séjour que vous sollicitez.")
            )
        return pages.render(request, "demande/preambule.html", visiteur=visiteur, etapes=ETAPES)

    @router.get("/espace/demande/liste-des-pieces.pdf")
    async def liste_des_pieces(request: Request) -> Response:
        """Annexe 1, « Télécharger la liste des pièces justificatives. »: one list for everybody,
        since the case is known only once the draft exists."""
        await deps.demandeur(request)
        return telechargement(await deps.justificatifs.liste_des_pieces())

    @router.post("/espace/demande/brouillon")
    async def commencer(request: Request, form: FormulaireRecu) -> Response:
        """« Je continue »: the draft is created from the register's fiche, or the one in progress resumed."""
        connecte = await deps.demandeur(request, formulaire=True)
        erreurs, statut = form.erreurs(), form.statut()
        if not erreurs and not titre_renouvelable(connecte.fiche.titre_en_cours):
            erreurs.formulaire, statut = NON_RENOUVELABLE, 403
        elif not erreurs:
            try:
                dossier = await deps.demandes.commencer(connecte.acteur, PourQui.MOI_MEME)
            except Conflict as refus:
                erreurs.formulaire, statut = refus.detail, 409
            except RequestRefused as refus:
                if refus.status != 403:
                    raise
                erreurs.formulaire, statut = refus.detail, 403  # not this applicant's procedure
            else:
                return RedirectResponse(f"/demande/{dossier.id}", status_code=303)
        visiteur = await deps.cloche(connecte)
        return pages.render(
            request,
            "demande/preambule.html",
            status=statut,
            visiteur=visiteur,
            etapes=ETAPES,
            erreurs=erreurs,
        )

    return router


def _erreur(champ: str, message: str) -> Erreurs:
    erreurs = Erreurs()
    erreurs.ajouter(champ, message)
    return erreurs
