"""The answer to a « Demande de complément »: one page per round, reached from the notification's
« Répondre à la demande » and from « Ma demande ».

The page shows the demand itself (the notifier's text, with its deadline, and each document's
observation): showing it is taking knowledge of it, so the notification is opened, which is the
acknowledgement of receipt. The form works without JavaScript; « Valider et envoyer » is safe
against double submission: a sent round is never written again and the dossier sends it once.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import Conflict, RequestRefused
from contracts.documents import PieceCode
from contracts.dossier import RondeComplementsVue
from services.gateway.api.assistant import DossierId
from services.gateway.api.complements_page import PageComplements
from services.gateway.api.deps import Connecte, FormulairePerime, GatewayDeps, Redirection
from services.gateway.api.justificatifs import FORMULAIRE_ILLISIBLE, FORMULAIRE_TROP_VOLUMINEUX
from services.gateway.api.suivi import url_suivi
from services.gateway.api.televersement import (
    TROP_VOLUMINEUX,
    MultiPartException,
    RequeteTropVolumineuse,
    Televersement,
    lire_televersement,
)
from services.gateway.domain.complements import (
    CHAMP_EPHOTO,
    EPHOTO,
    MAX_TEXTE,
    champ_fichiers,
    lire_reponses,
    rattacher_refus,
    ronde_a_afficher,
)
from services.gateway.domain.formulaires import Erreurs

CODES_PIECES = {p.value for p in PieceCode}
NumeroRonde = Annotated[str, Path(max_length=64)]  # read after the session (a form's 403 first)


def numero_de_ronde(texte: str) -> int:
    if not texte.isdecimal() or len(texte) > 6 or int(texte) < 1:
        raise HTTPException(404)
    return int(texte)


def url_ronde(dossier_id: str, numero: int) -> str:
    return f"/demande/{dossier_id}/complements/{numero}"


def build_complements_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    page = PageComplements(deps)

    @router.get("/demande/{dossier_id}/complements")
    async def ronde_en_cours(request: Request, dossier_id: DossierId) -> Response:
        """The round still open (else the latest, read-only): the notification knows no round."""
        connecte = await deps.demandeur(request)
        ronde = ronde_a_afficher(await deps.demandes.rondes(connecte.acteur, dossier_id))
        url = url_ronde(dossier_id, ronde.numero) if ronde else url_suivi(dossier_id)
        return RedirectResponse(url, status_code=303)

    @router.get("/demande/{dossier_id}/complements/{numero}")
    async def afficher(request: Request, dossier_id: DossierId, numero: NumeroRonde) -> Response:
        connecte = await deps.demandeur(request)
        numero_lu = numero_de_ronde(numero)
        complet = await deps.demandes.complet(connecte.acteur, dossier_id)  # the round and the pieces
        ronde = next((r for r in complet.rondes if r.numero == numero_lu), None)
        if ronde is None or complet.pieces is None:
            raise HTTPException(404 if ronde is None else 503)
        return await page.afficher(request, connecte, ronde, pieces=complet.pieces)

    @router.post("/demande/{dossier_id}/complements/{numero_lu}")
    async def repondre(request: Request, dossier_id: DossierId, numero_lu: NumeroRonde) -> Response:
        """Save the answers and files; with « Valider et envoyer », send them all."""
        connecte = await deps.demandeur(request, formulaire=True)
        numero = numero_de_ronde(numero_lu)
        ronde = await deps.demandes.ronde(connecte.acteur, dossier_id, numero)
        if ronde.envoyee_le is not None:  # sent already (a second click): nothing is written
            return RedirectResponse(url_ronde(dossier_id, numero), status_code=303)
        erreurs = Erreurs()
        try:
            lu = await lire_televersement(request, max_champ=MAX_TEXTE)
        except (RequeteTropVolumineuse, MultiPartException) as illisible:
            trop_gros = isinstance(illisible, RequeteTropVolumineuse)
            erreurs.formulaire = FORMULAIRE_TROP_VOLUMINEUX if trop_gros else FORMULAIRE_ILLISIBLE
            return await page.afficher(request, connecte, ronde, erreurs, status=413 if trop_gros else 400)
        if not deps.security.csrf_valid(request, lu.jeton):
            raise FormulairePerime()
        envoi = lu.valeurs.get("action") == "envoyer"
        await _enregistrer(deps, connecte, ronde, lu, erreurs, envoi=envoi)
        if envoi and not erreurs:
            try:
                await deps.demandes.envoyer_ronde(connecte.acteur, dossier_id, numero)
            except RequestRefused as refus:
                rattacher_refus(erreurs, refus.erreurs, refus.detail)
            else:  # the dossier tells the notifier: « Demande de complément répondu »
                return RedirectResponse(url_ronde(dossier_id, numero), status_code=303)
        if erreurs:
            return await page.afficher(request, connecte, ronde, erreurs, valeurs=lu.valeurs, status=422)
        action = lu.valeurs.get("action", "")
        if action.startswith("supprimer:"):
            ancre = await _retirer(deps, connecte, ronde, action.removeprefix("supprimer:"), erreurs)
            if erreurs:
                return await page.afficher(request, connecte, ronde, erreurs, valeurs=lu.valeurs, status=409)
            return RedirectResponse(url_ronde(dossier_id, numero) + ancre, status_code=303)
        ancre = f"#piece-{action.removeprefix('joindre:')}" if action.startswith("joindre:") else ""
        return RedirectResponse(url_ronde(dossier_id, numero) + ancre, status_code=303)

    return router


async def _enregistrer(
    deps: GatewayDeps,
    connecte: Connecte,
    ronde: RondeComplementsVue,
    lu: Televersement,
    erreurs: Erreurs,
    *,
    envoi: bool,
) -> None:
    """Each document's new files (a refused file keeps its message), then each answer chosen."""
    acteur, dossier_id, numero = connecte.acteur, ronde.dossier_id, ronde.numero
    demandees = {p.piece for p in ronde.pieces}
    for nom, noms in lu.trop_volumineux.items():
        erreurs.ajouter(nom, " ".join(TROP_VOLUMINEUX.format(nom=n) for n in noms))
    for nom, fichiers in lu.fichiers.items():
        code = nom.removeprefix("fichiers_")
        if code not in demandees or nom in erreurs.champs or code not in CODES_PIECES:
            continue
        try:
            await deps.justificatifs.remplacer(acteur, dossier_id, PieceCode(code), fichiers, numero)
        except RequestRefused as refus:
            erreurs.ajouter(champ_fichiers(code), refus.detail)
    if EPHOTO in demandees and (numero_ephoto := lu.valeurs.get(CHAMP_EPHOTO, "").strip()):
        try:
            await deps.justificatifs.definir_ephoto(acteur, dossier_id, numero_ephoto, "")
        except RequestRefused as refus:
            erreurs.ajouter(CHAMP_EPHOTO, refus.detail)
    for saisie in lire_reponses(ronde, lu.valeurs, erreurs, envoi=envoi):
        try:
            await deps.demandes.repondre_piece(acteur, dossier_id, numero, saisie.piece, saisie.reponse)
        except Conflict as refus:
            relue = await deps.demandes.ronde(acteur, dossier_id, numero)
            if relue.envoyee_le is not None:  # sent meanwhile by another click
                raise Redirection(url_ronde(dossier_id, numero)) from None
            erreurs.formulaire = refus.detail
            return
        except RequestRefused as refus:
            rattacher_refus(erreurs, refus.erreurs, refus.detail, saisie.piece)


async def _retirer(
    deps: GatewayDeps, connecte: Connecte, ronde: RondeComplementsVue, fichier_id: str, erreurs: Erreurs
) -> str:
    """« Supprimer » a file joined in this round (before « Valider et envoyer »); the anchor of its
    document. The documents service checks the file is this applicant's, of this open round."""
    pieces = await deps.justificatifs.pieces(connecte.acteur, ronde.dossier_id)
    piece = next((p for p in pieces.pieces for f in p.fichiers if f.id == fichier_id), None)
    if piece is None:
        return ""
    try:
        await deps.justificatifs.retirer(connecte.acteur, ronde.dossier_id, fichier_id)
    except RequestRefused as refus:
        erreurs.ajouter(champ_fichiers(piece.code.value), refus.detail)
    return f"#piece-{piece.code.value}"
