"""Deploying a model: from the modeler (its XML in a hidden field) or a .bpmn file (without JavaScript).

Both are ordinary form posts with the CSRF token; bpmnlint runs first and its errors block the
deployment, each shown with its element; its warnings are shown and do not block. « Vérifier »
runs bpmnlint alone, before deploying. A deployment makes a new version: running instances
keep theirs.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from plumbing.dsfr.security import CONTENT_SECURITY_POLICY, CSRF_FIELD
from services.backoffice.api.console.deps import ConsoleDeps
from services.backoffice.api.console.statiques import modeleur_disponible
from services.backoffice.api.deps import AgentConnecte, FormulaireRefuse
from services.backoffice.domain.console.lint import TAILLE_MAX, Constat, ModeleRefuse, bloquants, refus
from services.backoffice.usecases.console.definitions import DefinitionIntrouvable, fiche_definition
from services.backoffice.usecases.console.deploiement import deployer_modele, verifier_modele

CORPS_MAX = 2 * TAILLE_MAX + 100_000  # the XML, escaped in a form field at worst, and the other fields
TROP_GROS = "Le modèle dépasse la taille maximale (2 Mo) ; rien n'a été déployé."
# The modeler's third-party parts style themselves inline (diagram-js's templates, CodeMirror's
# <style> tags in the properties panel's FEEL fields). Styles only, on this page only, for process
# owners only: scripts stay 'self', and images and fonts from elsewhere stay refused, so an injected
# style could not send anything out.
CSP_MODELEUR = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def build_deploiement_router(deps: ConsoleDeps) -> APIRouter:
    router = APIRouter(prefix="/console")
    pages = deps.site.pages

    async def page(
        request: Request,
        connecte: AgentConnecte,
        depuis: str,
        *,
        status: int = 200,
        refuse: ModeleRefuse | None = None,
        verifies: list[Constat] | None = None,
    ) -> Response:
        fiche = None
        if depuis:
            try:
                fiche = await fiche_definition(
                    agent=connecte.acteur, cle=depuis, referentiel=deps.referentiel
                )
            except DefinitionIntrouvable:
                fiche = None
        reponse = pages.render(
            request,
            "console/deploiement.html",
            status=status,
            agent=connecte,
            fiche=fiche,
            constats=bloquants(refuse.constats) if refuse else [],
            avertissements=[c for c in (refuse.constats if refuse else verifies or []) if not c.bloquant],
            verifie=verifies is not None,
            modeleur=modeleur_disponible(),
            rubrique="processus",
        )
        if fiche is not None and modeleur_disponible():
            reponse.headers["Content-Security-Policy"] = CSP_MODELEUR
        return reponse

    @router.get("/deploiement")
    async def formulaire(request: Request, depuis: str = "") -> Response:
        connecte = await deps.responsable(request)
        return await page(request, connecte, depuis[:20])

    @router.post("/deploiements")
    async def deployer(request: Request) -> Response:
        connecte = await deps.responsable(request)
        longueur = request.headers.get("content-length", "")
        if longueur.isdigit() and int(longueur) > CORPS_MAX:
            return await page(request, connecte, "", status=413, refuse=refus(TROP_GROS))
        try:
            async with request.form(max_files=1, max_fields=5, max_part_size=TAILLE_MAX + 1) as form:
                jeton = form.get(CSRF_FIELD)
                if not isinstance(jeton, str) or not deps.site.security.csrf_valid(request, jeton):
                    raise FormulaireRefuse()
                depuis = str(form.get("depuis") or "")[:20]
                verifier_seulement = form.get("action") == "verifier"
                fichier, xml = form.get("fichier"), form.get("xml")
                if isinstance(fichier, UploadFile) and fichier.filename:
                    nom, contenu = fichier.filename, await fichier.read(TAILLE_MAX + 1)
                else:
                    nom, contenu = str(form.get("nom") or "modele.bpmn"), str(xml or "").encode("utf-8")
        except MultiPartException:
            return await page(request, connecte, "", status=413, refuse=refus(TROP_GROS))
        if verifier_seulement:
            try:
                trouves = await verifier_modele(agent=connecte.acteur, contenu=contenu, linter=deps.linter)
            except ModeleRefuse as refuse:
                return await page(request, connecte, depuis, status=422, refuse=refuse)
            return await page(request, connecte, depuis, verifies=trouves)
        try:
            fait = await deployer_modele(
                agent=connecte.acteur,
                nom_fichier=nom,
                contenu=contenu,
                linter=deps.linter,
                referentiel=deps.referentiel,
            )
        except ModeleRefuse as refuse:
            return await page(request, connecte, depuis, status=422, refuse=refuse)
        if not fait.deploiement.definitions:
            return await page(
                request, connecte, depuis, status=422, refuse=refus("Le fichier ne contient aucun processus.")
            )
        cle, _, version = fait.deploiement.definitions[0]
        return RedirectResponse(f"/console/processus/{cle}?deploye={version}", status_code=303)

    return router
