"""Account creation as in the guide: the visa or title, then the e-mail typed twice."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from contracts.clients.base import RequestRefused
from contracts.identity import DemandeCreationCompte
from plumbing.web import client_address
from services.gateway.api.deps import GatewayDeps
from services.gateway.api.formulaire import FormulaireRecu
from services.gateway.domain.formulaires import verifier_courriels, verifier_titre

CHAMPS_TITRE = ("numero_titre", *(f"{d}_{p}" for d in ("debut", "fin") for p in ("jour", "mois", "annee")))


def build_compte_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages

    @router.post("/compte/creation")
    async def titre(request: Request, form: FormulaireRecu) -> Response:
        """« Créer un compte »: the title is well formed, the e-mail comes next."""
        erreurs = form.erreurs()
        verifier_titre(form.valeurs, erreurs)
        valeurs = _titre(form.valeurs)
        if erreurs:
            return pages.render(
                request, "connexion.html", status=form.statut(), valeurs=valeurs, erreurs_creation=erreurs
            )
        return pages.render(request, "compte/courriel.html", valeurs=valeurs)

    @router.post("/compte/changer")
    async def changer(request: Request, form: FormulaireRecu) -> Response:
        """« Changer »: back to the title's fields, as typed."""
        statut, erreurs = (200, None) if form.jeton_valide else (403, form.erreurs())
        return pages.render(
            request, "connexion.html", status=statut, valeurs=_titre(form.valeurs), erreurs_creation=erreurs
        )

    @router.post("/compte/courriel")
    async def courriel(request: Request, form: FormulaireRecu) -> Response:
        """« Valider »: identity checks the title against the register and sends the link."""
        erreurs = form.erreurs()
        titre = verifier_titre(form.valeurs, erreurs)
        verifier_courriels(form.champ("courriel"), form.champ("confirmation_courriel"), erreurs)
        if not erreurs and titre is not None:
            demande = DemandeCreationCompte(
                numero_titre=titre.numero,
                date_debut_validite=titre.debut,
                date_fin_validite=titre.fin,
                courriel=form.champ("courriel").strip()[:254],
                confirmation_courriel=form.champ("confirmation_courriel").strip()[:254],
                adresse_client=client_address(request),
            )
            try:
                reponse = await deps.comptes.creer_compte(demande)
            except RequestRefused as refus:
                erreurs.formulaire = refus.detail
            else:
                return pages.render(request, "compte/demande_enregistree.html", reponse=reponse)
        return pages.render(
            request,
            "compte/courriel.html",
            status=form.statut(),
            valeurs=form.a_reafficher(),
            erreurs=erreurs,
        )

    return router


def _titre(valeurs: dict[str, str]) -> dict[str, str]:
    return {nom: valeurs.get(nom, "") for nom in CHAMPS_TITRE}
