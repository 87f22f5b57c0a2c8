"""« Je déclare un changement de situation »: the new address with its proof of address.

The guide asks an applicant who has moved to declare the new address here before renewing: the
proof goes to the documents service (under the declaration's own id), then identity records the
move in the register and dates it in its history, which this page lists. Step 1 of the next
application shows the register's new address, and the deposit is routed by it.
"""

from __future__ import annotations

import contextlib
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import RequestRefused
from contracts.documents import FORMATS_ACCEPTES, PieceCode
from contracts.identity import Adresse, DeclarationAdresse, JustificatifDomicile
from plumbing.clock import new_id
from services.gateway.api.deps import Connecte, GatewayDeps
from services.gateway.api.formulaire import CSRF_REFUSE
from services.gateway.api.justificatifs import FORMULAIRE_ILLISIBLE, FORMULAIRE_TROP_VOLUMINEUX
from services.gateway.api.telechargement import telechargement
from services.gateway.api.televersement import (
    TROP_VOLUMINEUX,
    MultiPartException,
    RequeteTropVolumineuse,
    Televersement,
    lire_televersement,
)
from services.gateway.domain.formulaires import Erreurs
from services.gateway.domain.situation import (
    JUSTIFICATIF,
    JUSTIFICATIF_REQUIS,
    LIBELLE_JUSTIFICATIF,
    lire_nouvelle_adresse,
)

URL = "/espace/changement-de-situation"
TITRE = "Je déclare un changement de situation"
PREFIXE_DECLARATION = "adresse-"  # the documents service keeps each proof under its declaration's id
ChangementId = Annotated[str, Path(max_length=64)]


def build_situation_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()

    async def page(
        request: Request,
        connecte: Connecte,
        *,
        erreurs: Erreurs | None = None,
        valeurs: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        historique = await deps.comptes.historique_adresses(connecte.acteur, connecte.fiche.id)
        return deps.pages.render(
            request,
            "espace/situation.html",
            status=status,
            visiteur=await deps.cloche(connecte),
            titre=TITRE,
            adresse=connecte.fiche.adresse,
            historique=historique,
            erreurs=erreurs,
            valeurs=valeurs,
            formats=", ".join(FORMATS_ACCEPTES),
            libelle_justificatif=LIBELLE_JUSTIFICATIF,
        )

    @router.get(URL)
    async def afficher(request: Request) -> Response:
        """The register's address, the form of the new one with its proof, the history."""
        return await page(request, await deps.demandeur(request))

    @router.post(URL)
    async def declarer(request: Request) -> Response:
        """« Je déclare ma nouvelle adresse »: the proof is stored, then the move is recorded."""
        connecte = await deps.demandeur(request, formulaire=True)
        erreurs = Erreurs()
        try:
            lu = await lire_televersement(request)
        except RequeteTropVolumineuse:
            erreurs.formulaire = FORMULAIRE_TROP_VOLUMINEUX
            return await page(request, connecte, erreurs=erreurs, status=413)
        except MultiPartException:
            erreurs.formulaire = FORMULAIRE_ILLISIBLE
            return await page(request, connecte, erreurs=erreurs, status=400)
        valeurs = dict(lu.valeurs)
        if not deps.security.csrf_valid(request, lu.jeton):
            erreurs.formulaire = CSRF_REFUSE
            return await page(request, connecte, erreurs=erreurs, valeurs=valeurs, status=403)
        adresse = lire_nouvelle_adresse(valeurs, connecte.fiche.adresse, erreurs)
        _verifier_justificatif(lu, erreurs)
        if adresse is not None and not erreurs:
            await _enregistrer(deps, connecte, adresse, lu, erreurs)
        if erreurs:
            return await page(request, connecte, erreurs=erreurs, valeurs=valeurs, status=422)
        return RedirectResponse(f"{URL}/enregistree", status_code=303)

    @router.get(URL + "/enregistree")
    async def enregistree(request: Request) -> Response:
        """The confirmation: the new address as the register now holds it."""
        connecte = await deps.demandeur(request)
        return deps.pages.render(
            request,
            "espace/situation_enregistree.html",
            visiteur=await deps.cloche(connecte),
            titre=TITRE,
            adresse=connecte.fiche.adresse,
        )

    @router.get(URL + "/justificatifs/{changement_id}")
    async def justificatif(request: Request, changement_id: ChangementId) -> Response:
        """The proof of one of the applicant's own declarations (others' are not in their history)."""
        connecte = await deps.demandeur(request)
        historique = await deps.comptes.historique_adresses(connecte.acteur, connecte.fiche.id)
        trouve = next((c for c in historique if c.id == changement_id), None)
        if trouve is None:
            raise HTTPException(status_code=404)
        piece = trouve.justificatif
        fichier = await deps.justificatifs.fichier(connecte.acteur, piece.dossier_id, piece.fichier_id)
        return telechargement(fichier)

    return router


def _verifier_justificatif(lu: Televersement, erreurs: Erreurs) -> None:
    if trop := lu.trop_volumineux.get(JUSTIFICATIF):
        erreurs.ajouter(JUSTIFICATIF, " ".join(TROP_VOLUMINEUX.format(nom=n) for n in trop))
    elif len(lu.fichiers.get(JUSTIFICATIF, [])) != 1:
        erreurs.ajouter(JUSTIFICATIF, JUSTIFICATIF_REQUIS)


async def _enregistrer(
    deps: GatewayDeps, connecte: Connecte, adresse: Adresse, lu: Televersement, erreurs: Erreurs
) -> None:
    """The proof to documents (its checks: format, size), then the declaration to identity; a proof
    whose declaration is refused is removed again."""
    declaration_id = PREFIXE_DECLARATION + new_id()
    acteur, fiche = connecte.acteur, connecte.fiche
    try:
        joints = await deps.justificatifs.joindre(
            acteur,
            declaration_id,
            PieceCode.JUSTIFICATIF_DOMICILE,
            lu.fichiers[JUSTIFICATIF],
            fiche.prefecture,
        )
    except RequestRefused as refus:
        erreurs.ajouter(JUSTIFICATIF, refus.detail)
        return
    justificatif = JustificatifDomicile(dossier_id=declaration_id, fichier_id=joints[0].id)
    try:
        declaration = DeclarationAdresse(adresse=adresse, justificatif=justificatif)
        await deps.comptes.declarer_adresse(acteur, fiche.id, declaration)
    except RequestRefused as refus:
        erreurs.formulaire = refus.detail
        with contextlib.suppress(RequestRefused):  # already sealed: it stays with the declaration
            await deps.justificatifs.retirer(acteur, declaration_id, joints[0].id)
