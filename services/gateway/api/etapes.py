"""Steps 1, 2 and 4 of « Demander un titre de séjour », resuming a draft, and abandoning it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import RequestRefused
from contracts.clients.dossier import refus_depot
from contracts.dossier import (
    ATTESTATIONS_PAR_CAS,
    LIBELLES_ATTESTATION,
    LIBELLES_SITUATION_FAMILIALE,
    TITRE_NON_ELIGIBLE,
    Cas,
    DossierVue,
    Etape,
    Statut,
)
from plumbing.clock import day_in_france, utc_now
from services.gateway.api.assistant import Assistant, DossierId, url_etape
from services.gateway.api.deps import FormulairePerime, GatewayDeps
from services.gateway.api.formulaire import FormulaireRecu
from services.gateway.domain.demande import est_mineur, etape_a_reprendre
from services.gateway.domain.ports import SaisieEtape
from services.gateway.domain.saisies import (
    lire_depot,
    lire_informations_personnelles,
    lire_motif_sejour,
    rattacher_erreurs,
)
from services.gateway.domain.valeurs import valeurs_enregistrees


def build_etapes_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    assistant = Assistant(deps)

    @router.get("/demande/{dossier_id}")
    async def reprendre(request: Request, dossier_id: DossierId) -> Response:
        """Where the applicant stands: the step after the last saved one, or the confirmation."""
        connecte = await deps.demandeur(request)
        dossier = await deps.demandes.dossier(connecte.acteur, dossier_id)
        if dossier.statut is Statut.BROUILLON:
            return RedirectResponse(url_etape(dossier.id, etape_a_reprendre(dossier.derniere_etape)), 303)
        if dossier.statut is Statut.ABANDONNEE:
            return RedirectResponse("/espace/demande", status_code=303)
        return RedirectResponse(f"/demande/{dossier.id}/confirmation", status_code=303)

    def contexte(etape: int, cas: Cas | None) -> dict[str, Any]:
        if etape == 1:
            return {}
        return {
            "attestations": [
                (a.value, LIBELLES_ATTESTATION[a]) for a in ATTESTATIONS_PAR_CAS[cas or Cas.MAJEUR]
            ],
            "situations": [(s.value, libelle) for s, libelle in LIBELLES_SITUATION_FAMILIALE.items()],
        }

    async def enregistrer(
        request: Request,
        form: FormulaireRecu,
        connecte: Any,
        dossier: DossierVue,
        etape: int,
        saisie: SaisieEtape | None,
        erreurs: Any,
        **page: Any,
    ) -> Response:
        """Save a step and go on; or show it again with what was typed and why it was refused
        (at step 2, the dossier's « Demandeur non éligible » opens its dialog)."""
        non_eligible = None
        if saisie is not None and not erreurs:
            try:
                await deps.demandes.enregistrer(connecte.acteur, dossier.id, saisie)
                return RedirectResponse(url_etape(dossier.id, etape + 1), status_code=303)
            except RequestRefused as refus:
                rattacher_erreurs(erreurs, refus.erreurs, refus.detail)
                non_eligible = refus.detail if refus.body.get("titre") == TITRE_NON_ELIGIBLE else None
        if etape == 2:
            page["non_eligible"] = non_eligible
        return await assistant.afficher(
            request,
            connecte,
            dossier,
            etape,
            valeurs=form.a_reafficher(),
            erreurs=erreurs,
            status=form.statut(),
            **page,
        )

    @router.get("/demande/{dossier_id}/etape/{etape}")
    async def afficher(request: Request, dossier_id: DossierId, etape: int) -> Response:
        if etape == 3:
            return RedirectResponse(f"/demande/{dossier_id}/justificatifs", status_code=303)
        if etape not in (1, 2, 4):
            return RedirectResponse(f"/demande/{dossier_id}", status_code=303)
        connecte, dossier = await assistant.brouillon(request, dossier_id, etape)
        extra = (
            await _etape4(deps, connecte.acteur, dossier_id) if etape == 4 else contexte(etape, dossier.cas)
        )
        return await assistant.afficher(
            request,
            connecte,
            dossier,
            etape,
            valeurs=valeurs_enregistrees(dossier),
            **_mineur(dossier),
            **extra,
        )

    @router.post("/demande/{dossier_id}/etape/1")
    async def informations_personnelles(
        request: Request, dossier_id: DossierId, form: FormulaireRecu
    ) -> Response:
        """« Enregistrer et poursuivre »: the box, the phone; the address stays the register's."""
        connecte, dossier = await assistant.brouillon(request, dossier_id, 1, formulaire=True)
        erreurs = form.erreurs()
        saisie = lire_informations_personnelles(form.valeurs, erreurs)
        return await enregistrer(request, form, connecte, dossier, 1, saisie, erreurs, **_mineur(dossier))

    @router.post("/demande/{dossier_id}/etape/2")
    async def motif_sejour(request: Request, dossier_id: DossierId, form: FormulaireRecu) -> Response:
        """ASE date (« Demandeur non éligible » after 16), family, children, sworn statements."""
        connecte, dossier = await assistant.brouillon(request, dossier_id, 2, formulaire=True)
        erreurs = form.erreurs()
        saisie = lire_motif_sejour(form.valeurs, dossier.cas or Cas.MAJEUR, erreurs)
        return await enregistrer(
            request, form, connecte, dossier, 2, saisie, erreurs, **contexte(2, dossier.cas)
        )

    @router.post("/demande/{dossier_id}/depot")
    async def deposer(request: Request, dossier_id: DossierId, form: FormulaireRecu) -> Response:
        """« Déposer la demande > »: once, whatever the clicks (the dossier service deposits once)."""
        connecte = await deps.demandeur(request, formulaire=True)
        erreurs, manquants = form.erreurs(), []
        depot = lire_depot(form.valeurs, erreurs)
        if depot is not None and not erreurs:
            try:
                await deps.demandes.deposer(connecte.acteur, dossier_id, depot)
                return RedirectResponse(f"/demande/{dossier_id}/confirmation", status_code=303)
            except RequestRefused as refus:
                refus_complet = refus_depot(refus)
                manquants = refus_complet.manquants if refus_complet else []
                rattacher_erreurs(erreurs, [] if refus_complet else refus.erreurs, refus.detail)
        connecte, dossier = await assistant.brouillon(request, dossier_id, 4)
        extra = await _etape4(deps, connecte.acteur, dossier_id)
        return await assistant.afficher(
            request,
            connecte,
            dossier,
            4,
            valeurs=form.a_reafficher(),
            erreurs=erreurs,
            status=form.statut(),
            manquants=manquants,
            **_mineur(dossier),
            **extra,
        )

    @router.get("/demande/{dossier_id}/abandon")
    async def confirmer_abandon(request: Request, dossier_id: DossierId) -> Response:
        """« Abandonner la demande »: asked once more, since nothing can be recovered afterwards."""
        connecte, dossier = await assistant.brouillon(request, dossier_id, 1)
        visiteur = await deps.cloche(connecte)
        return deps.pages.render(request, "demande/abandon.html", visiteur=visiteur, dossier=dossier)

    @router.post("/demande/{dossier_id}/abandon")
    async def abandonner(request: Request, dossier_id: DossierId, form: FormulaireRecu) -> Response:
        connecte = await deps.demandeur(request, formulaire=True)
        if not form.jeton_valide:
            raise FormulairePerime()
        await deps.demandes.abandonner(connecte.acteur, dossier_id)
        visiteur = await deps.cloche(connecte)
        return deps.pages.render(request, "demande/abandonnee.html", visiteur=visiteur)

    return router


def _mineur(dossier: DossierVue) -> dict[str, Any]:
    civil = dossier.etat_civil
    return {"mineur": est_mineur(civil.date_naissance, day_in_france(utc_now()))}


async def _etape4(deps: GatewayDeps, acteur: str, dossier_id: str) -> dict[str, Any]:
    """The summary's pieces and the labels of step 2's answers."""
    pieces = await deps.justificatifs.pieces(acteur, dossier_id)
    return {
        "pieces": pieces,
        "situations": dict((s.value, libelle) for s, libelle in LIBELLES_SITUATION_FAMILIALE.items()),
        "libelles_attestations": {a.value: libelle for a, libelle in LIBELLES_ATTESTATION.items()},
        "etapes_manquantes": {e.value: e.numero for e in Etape},
    }
