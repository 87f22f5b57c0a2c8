"""Choosing a password with an e-mailed link: at account creation, and after « MOT DE PASSE OUBLIÉ ? »."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from contracts.clients.base import RequestRefused
from contracts.identity import DemandeMotDePasse, DemandeOubliMotDePasse
from plumbing.web import client_address
from services.gateway.api.deps import GatewayDeps
from services.gateway.api.formulaire import Formulaire, FormulaireRecu
from services.gateway.domain.formulaires import (
    CRITERES_MOT_DE_PASSE,
    FORMAT_MOT_DE_PASSE,
    MOT_DE_PASSE_INVISIBLE,
    Erreurs,
    verifier_mot_de_passe,
)

Jeton = Query(default="", max_length=300)
CREATION, REINITIALISATION = "creation", "reinitialisation"


def build_mot_de_passe_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages
    comptes = deps.comptes

    def formulaire(request: Request, usage: str, jeton: str, **options: object) -> Response:
        context = {
            "usage": usage,
            "jeton": jeton,
            "format": FORMAT_MOT_DE_PASSE,
            "criteres": CRITERES_MOT_DE_PASSE,
            "invisible": MOT_DE_PASSE_INVISIBLE,
        }
        return pages.render(request, "compte/mot_de_passe.html", **context, **options)  # type: ignore[arg-type]

    def lien_invalide(request: Request, refus: RequestRefused) -> Response:
        return pages.render(request, "compte/lien_invalide.html", status=400, message=refus.detail)

    @router.get("/compte/confirmer")
    async def confirmer(request: Request, jeton: str = Jeton) -> Response:
        """The link of the confirmation e-mail: the address is validated, the password comes next."""
        try:
            await comptes.confirmer_courriel(jeton)
        except RequestRefused as refus:
            return lien_invalide(request, refus)
        return formulaire(request, CREATION, jeton)

    @router.get("/compte/reinitialiser")
    async def reinitialiser(request: Request, jeton: str = Jeton) -> Response:
        try:
            await comptes.verifier_lien_reinitialisation(jeton)
        except RequestRefused as refus:
            return lien_invalide(request, refus)
        return formulaire(request, REINITIALISATION, jeton)

    @router.post("/compte/mot-de-passe")
    async def choisir(request: Request, form: FormulaireRecu) -> Response:
        usage, jeton = form.champ("usage"), form.champ("jeton")[:300]
        erreurs = form.erreurs()
        verifier_mot_de_passe(form.champ("mot_de_passe"), form.champ("confirmation_mot_de_passe"), erreurs)
        if not erreurs:
            demande = _demande(form, jeton)
            try:
                if usage == CREATION:
                    reponse = await comptes.creer_mot_de_passe(demande)
                else:
                    reponse = await comptes.reinitialiser_mot_de_passe(demande)
            except RequestRefused as refus:
                if refus.status == 400:
                    return lien_invalide(request, refus)
                _rattacher(erreurs, refus.detail)
            else:
                return pages.render(request, "compte/mot_de_passe_cree.html", reponse=reponse, usage=usage)
        return formulaire(request, usage, jeton, status=form.statut(), erreurs=erreurs)

    @router.get("/compte/mot-de-passe-oublie")
    async def oubli(request: Request) -> Response:
        return pages.render(request, "compte/oubli.html")

    @router.post("/compte/mot-de-passe-oublie")
    async def demander(request: Request, form: FormulaireRecu) -> Response:
        erreurs = form.erreurs()
        identifiant = form.champ("identifiant").strip()[:254]
        if not identifiant and not erreurs:
            erreurs.ajouter(
                "identifiant", "Saisissez votre identifiant : votre N° Etranger, ou votre adresse email."
            )
        if erreurs:
            valeurs = form.a_reafficher()
            return pages.render(
                request, "compte/oubli.html", status=form.statut(), valeurs=valeurs, erreurs=erreurs
            )
        reponse = await comptes.demander_reinitialisation(
            DemandeOubliMotDePasse(identifiant=identifiant, adresse_client=client_address(request))
        )
        return pages.render(request, "compte/oubli_envoye.html", reponse=reponse)

    return router


def _demande(form: Formulaire, jeton: str) -> DemandeMotDePasse:
    return DemandeMotDePasse(
        jeton=jeton or "-",
        mot_de_passe=form.champ("mot_de_passe"),
        confirmation_mot_de_passe=form.champ("confirmation_mot_de_passe"),
    )


def _rattacher(erreurs: Erreurs, message: str) -> None:
    """identity's refusal of the password (format, common password) belongs to its field."""
    champ = "confirmation_mot_de_passe" if "confirmation" in message.lower() else "mot_de_passe"
    erreurs.ajouter(champ, message)
