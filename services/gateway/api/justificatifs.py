"""Step 3, « Je joins mes documents justificatifs »: the pieces of the case, the e-photo number.

One form for the whole step (it works without JavaScript): « Joindre un document » sends the files
chosen, « Supprimer » removes one, « Enregistrer et poursuivre > » checks that nothing required is
missing. A refused file gets the documents service's French message under its input; the rest of
what was typed (the e-photo number) is kept.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import RequestRefused
from contracts.clients.dossier import refus_depot
from contracts.documents import (
    FICHIERS_MAX_PAR_PIECE,
    FORMATS_ACCEPTES,
    Cas,
    NaturePiece,
    PieceCatalogue,
    PieceCode,
)
from contracts.dossier import DossierVue, EtapeJustificatifs
from services.gateway.api.assistant import Assistant, DossierId, url_etape
from services.gateway.api.deps import Connecte, GatewayDeps
from services.gateway.api.formulaire import CSRF_REFUSE
from services.gateway.api.televersement import (
    TROP_VOLUMINEUX,
    MultiPartException,
    RequeteTropVolumineuse,
    Televersement,
    lire_televersement,
)
from services.gateway.domain.formulaires import Erreurs
from services.gateway.domain.saisies import lire_ephoto

FORMULAIRE_TROP_VOLUMINEUX = (
    "Les fichiers envoyés ensemble sont trop volumineux : joignez-les pièce par pièce "
    "(10 Mo au plus par fichier, 3 fichiers par document)."
)
FORMULAIRE_ILLISIBLE = "Le formulaire envoyé est illisible : veuillez réessayer."


def build_justificatifs_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    assistant = Assistant(deps)
    documents = deps.justificatifs

    async def page(
        request: Request,
        connecte: Connecte,
        dossier: DossierVue,
        *,
        erreurs: Erreurs | None = None,
        valeurs: dict[str, str] | None = None,
        status: int | None = None,
    ) -> Response:
        catalogue = await documents.catalogue(Cas(dossier.cas or Cas.MAJEUR))
        pieces = await documents.pieces(connecte.acteur, dossier.id)
        fichiers = {p.code.value: p.fichiers for p in pieces.pieces}
        valeurs = valeurs if valeurs is not None else {"ephoto": pieces.numero_ephoto or ""}
        return await assistant.afficher(
            request,
            connecte,
            dossier,
            3,
            valeurs=valeurs,
            erreurs=erreurs,
            status=status,
            catalogue=catalogue,
            rubriques=par_rubrique(catalogue),
            fichiers=fichiers,
            ephoto_enregistre=pieces.numero_ephoto or "",
            formats=", ".join(FORMATS_ACCEPTES),
            fichiers_max=FICHIERS_MAX_PAR_PIECE,
            numero_ephoto=NaturePiece.NUMERO_EPHOTO,
        )

    @router.get("/demande/{dossier_id}/justificatifs")
    async def afficher(request: Request, dossier_id: DossierId) -> Response:
        connecte, dossier = await assistant.brouillon(request, dossier_id, 3)
        return await page(request, connecte, dossier)

    @router.post("/demande/{dossier_id}/justificatifs")
    async def envoyer(request: Request, dossier_id: DossierId) -> Response:
        connecte, dossier = await assistant.brouillon(request, dossier_id, 3, formulaire=True)
        erreurs = Erreurs()
        try:
            lu = await lire_televersement(request)
        except RequeteTropVolumineuse:
            erreurs.formulaire = FORMULAIRE_TROP_VOLUMINEUX
            return await page(request, connecte, dossier, erreurs=erreurs, status=413)
        except MultiPartException:
            erreurs.formulaire = FORMULAIRE_ILLISIBLE
            return await page(request, connecte, dossier, erreurs=erreurs, status=400)
        valeurs = {"ephoto": lu.valeurs.get("ephoto", "")}
        if not deps.security.csrf_valid(request, lu.jeton):
            erreurs.formulaire = CSRF_REFUSE
            return await page(request, connecte, dossier, erreurs=erreurs, valeurs=valeurs, status=403)
        await _enregistrer(deps, connecte, dossier, lu, erreurs)
        if not erreurs and lu.valeurs.get("action") == "poursuivre":
            try:
                await deps.demandes.enregistrer(connecte.acteur, dossier_id, EtapeJustificatifs())
                return RedirectResponse(url_etape(dossier_id, 4), status_code=303)
            except RequestRefused as refus:
                _pieces_manquantes(erreurs, refus)
        if erreurs:
            return await page(request, connecte, dossier, erreurs=erreurs, valeurs=valeurs, status=422)
        ancre = lu.valeurs.get("action", "")
        ancre = f"#piece-{ancre.removeprefix('joindre:')}" if ancre.startswith("joindre:") else ""
        return RedirectResponse(f"/demande/{dossier_id}/justificatifs{ancre}", status_code=303)

    return router


async def _enregistrer(
    deps: GatewayDeps, connecte: Connecte, dossier: DossierVue, lu: Televersement, erreurs: Erreurs
) -> None:
    """The e-photo number if it changed, the file to remove, then the files chosen, piece by piece."""
    documents, acteur = deps.justificatifs, connecte.acteur
    saisi = lu.valeurs.get("ephoto", "")
    action = lu.valeurs.get("action", "")
    numero = None if action == "supprimer-ephoto" else lire_ephoto(saisi, erreurs)
    if "ephoto" not in erreurs.champs and numero != (lu.valeurs.get("ephoto_enregistre") or None):
        try:
            await documents.definir_ephoto(acteur, dossier.id, numero, dossier.prefecture)
        except RequestRefused as refus:
            erreurs.ajouter("ephoto", refus.detail)
    if action.startswith("supprimer:"):
        await documents.retirer(acteur, dossier.id, action.removeprefix("supprimer:")[:64])
    for nom, noms in lu.trop_volumineux.items():
        erreurs.ajouter(nom, " ".join(TROP_VOLUMINEUX.format(nom=n) for n in noms))
    for nom, fichiers in lu.fichiers.items():
        try:
            piece = PieceCode(nom.removeprefix("fichiers_"))
        except ValueError:
            continue
        if nom in erreurs.champs:
            continue
        try:
            await documents.joindre(acteur, dossier.id, piece, fichiers, dossier.prefecture)
        except RequestRefused as refus:
            erreurs.ajouter(nom, refus.detail)


def par_rubrique(catalogue: list[PieceCatalogue]) -> list[tuple[str, list[PieceCatalogue]]]:
    """The catalogue's headings in its own order (« ÉTAT CIVIL », « DOMICILIATION », …)."""
    rubriques: dict[str, list[PieceCatalogue]] = {}
    for piece in catalogue:
        rubriques.setdefault(piece.rubrique, []).append(piece)
    return list(rubriques.items())


def _pieces_manquantes(erreurs: Erreurs, refus: RequestRefused) -> None:
    """« Des justificatifs obligatoires sont manquants » with each piece under its own input."""
    complet = refus_depot(refus)
    erreurs.formulaire = refus.detail
    for manquant in complet.manquants if complet else []:
        code = manquant.champ.removeprefix("pieces.")
        champ = "ephoto" if code == PieceCode.PHOTOGRAPHIE_IDENTITE.value else f"fichiers_{code}"
        erreurs.ajouter(champ, f"Ce justificatif est obligatoire : {manquant.libelle}.")
