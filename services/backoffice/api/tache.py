"""A task's page: the dossier beside the task's form, form-js's schema, and completing the task.

The form is the task's linked Camunda Form. With JavaScript, form-js (served from node_modules
under the strict CSP) renders it and `tache.js` posts its data in the page's own form, with the
CSRF token; without JavaScript, the same fields are rendered by the server. Either way the server
checks the answer against the form before completing the task through the Camunda REST API.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from contracts.clients.base import NotFound, ServiceUnavailable
from contracts.dossier import ActionAgent, DossierComplet
from contracts.notifier import NotificationResume
from contracts.process import Variable
from services.backoffice.api.deps import AgentConnecte, BackofficeDeps
from services.backoffice.domain.dossier import historique
from services.backoffice.domain.formulaires import FormulaireInvalide
from services.backoffice.domain.instruction import peut_valider
from services.backoffice.usecases.formulaires import TacheOuverte, ouvrir, terminer
from services.backoffice.usecases.journal import noter

SCRIPT = (Path(__file__).parent.parent / "templates" / "tache.js").read_text(encoding="utf-8")
MAX_CHAMPS = 200  # the plain form: a few fields, and rows of the dynamic list
MAX_DONNEES = 200_000  # form-js's data as JSON: every observation at its longest fits
DONNEES = "donnees"


def build_tache_router(deps: BackofficeDeps) -> APIRouter:
    router = APIRouter()
    moteur = deps.moteur

    async def page(
        request: Request,
        connecte: AgentConnecte,
        ouverte: TacheOuverte,
        *,
        valeurs: dict[str, Any] | None = None,
        erreurs: dict[str, str] | None = None,
    ) -> Response:
        complet, notifications = await dossier_de(connecte, ouverte.variables)
        return deps.pages.render(
            request,
            "tache.html",
            status=422 if erreurs else 200,
            agent=connecte,
            tache=ouverte.tache,
            variables=ouverte.variables,
            complet=complet,
            dossier=complet.dossier if complet else None,
            notifications=notifications,
            historique=historique(complet) if complet else [],
            formulaire=ouverte.formulaire,
            peut_valider=peut_valider(connecte.acteur.id, ouverte.variables),
            valeurs=valeurs if valeurs is not None else ouverte.valeurs_initiales(deps.clock.today()),
            erreurs=erreurs or {},
        )

    async def dossier_de(
        connecte: AgentConnecte, variables: dict[str, Any]
    ) -> tuple[DossierComplet | None, list[NotificationResume] | None]:
        """The task's dossier in one call to the dossier service, its notifications in one call to
        the notifier, side by side (None: no dossier, or not this agent's; the notifier down)."""
        dossier_id, demandeur_id = (
            variables.get(v.value) for v in (Variable.DOSSIER_ID, Variable.DEMANDEUR_ID)
        )
        if not isinstance(dossier_id, str):
            return None, None

        async def notifications() -> list[NotificationResume] | None:
            if not isinstance(demandeur_id, str):
                return None
            try:
                return await deps.dossiers.notifications(connecte.acteur, demandeur_id, dossier_id)
            except (NotFound, ServiceUnavailable):
                return None

        async def complet() -> DossierComplet | None:
            try:
                return await deps.dossiers.complet(connecte.acteur, dossier_id)
            except NotFound:
                return None

        return await asyncio.gather(complet(), notifications())

    @router.get("/taches/{cle}")
    async def tache(request: Request, cle: str) -> Response:
        connecte = await deps.agent(request)
        return await page(request, connecte, await ouvrir(agent=connecte.acteur, cle=cle, moteur=moteur))

    @router.get("/taches/{cle}/formulaire.json")
    async def schema(request: Request, cle: str) -> Response:
        """What form-js needs: the form's schema and the instance's variables (its texts use them),
        with the form's starting values (a date set to today by default)."""
        connecte = await deps.agent(request)
        ouverte = await ouvrir(agent=connecte.acteur, cle=cle, moteur=moteur)
        donnees = {**ouverte.variables, **ouverte.valeurs_initiales(deps.clock.today())}
        return JSONResponse({"schema": ouverte.schema, "data": donnees})

    @router.post("/taches/{cle}/formulaire")
    async def completer(request: Request, cle: str) -> Response:
        connecte = await deps.agent(request)
        champs = await deps.formulaire(request, max_champs=MAX_CHAMPS, max_longueur=MAX_DONNEES)
        donnees = _donnees(champs.pop(DONNEES, ""))
        try:
            terminee = await terminer(
                agent=connecte.acteur,
                cle=cle,
                moteur=moteur,
                donnees=donnees,
                champs=champs,
                aujourdhui=deps.clock.today(),
            )
        except FormulaireInvalide as invalide:
            ouverte = await ouvrir(agent=connecte.acteur, cle=cle, moteur=moteur)
            return await page(request, connecte, ouverte, valeurs=invalide.valeurs, erreurs=invalide.erreurs)
        if terminee.dossier_id is not None:
            await noter(
                agent=connecte.acteur,
                nom=connecte.nom_affiche,
                action=ActionAgent.TERMINEE,
                tache=terminee.tache,
                moteur=moteur,
                dossiers=deps.dossiers,
                dossier_id=terminee.dossier_id,
                resultat=terminee.resultat,
            )
        return RedirectResponse("/taches?vue=mes-taches&terminee=1", status_code=303)

    @router.get("/static/backoffice/tache.js")
    async def script() -> Response:
        return Response(SCRIPT, media_type="text/javascript", headers={"Cache-Control": "no-cache"})

    return router


def _donnees(texte: str) -> dict[str, Any] | None:
    """form-js's data, when the script sent it; anything but a JSON object is refused as a whole."""
    if not texte:
        return None
    try:
        donnees = json.loads(texte)
    except ValueError:
        return {"": "illisible"}
    return donnees if isinstance(donnees, dict) else {"": "illisible"}
