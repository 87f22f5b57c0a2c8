"""Account creation, e-mail confirmation, password creation and reset (called by the gateway)."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.identity import (
    DemandeCreationCompte,
    DemandeJeton,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    ReponseMessage,
)
from services.identity.api.erreurs import ActeurService
from services.identity.dependances import Dependances
from services.identity.domain.jetons import UsageJeton
from services.identity.usecases.comptes import confirmer_courriel, creer_compte, creer_mot_de_passe
from services.identity.usecases.contexte import accepter
from services.identity.usecases.mots_de_passe import (
    definir_mot_de_passe,
    demander_reinitialisation,
    verifier_lien_reinitialisation,
)


def build_comptes_router(deps: Dependances) -> APIRouter:
    router = APIRouter(tags=["comptes"])
    outils = deps.outils

    @router.post("/comptes", status_code=202)
    def creer(demande: DemandeCreationCompte, _acteur: ActeurService) -> ReponseMessage:
        """Première visite : numéro et dates du titre ou du visa, email saisi deux fois."""
        return accepter(
            deps.transactions.executer(lambda d: creer_compte(depots=d, outils=outils, demande=demande))
        )

    @router.post("/comptes/confirmation")
    def confirmer(demande: DemandeJeton, _acteur: ActeurService) -> ReponseMessage:
        """Lien du courriel de confirmation suivi : l'adresse email est validée."""
        with deps.transactions() as depots:
            return confirmer_courriel(depots=depots, outils=outils, demande=demande)

    @router.post("/comptes/mot-de-passe")
    def creer_mdp(demande: DemandeMotDePasse, _acteur: ActeurService) -> ReponseMessage:
        """« Créez votre mot de passe » : le compte devient actif."""
        with deps.transactions() as depots:
            return creer_mot_de_passe(depots=depots, outils=outils, demande=demande)

    @router.post("/mots-de-passe/oubli", status_code=202)
    def oubli(demande: DemandeOubliMotDePasse, _acteur: ActeurService) -> ReponseMessage:
        """« Mot de passe oublié ? » : même réponse que le compte existe ou non."""
        with deps.transactions() as depots:
            resultat = demander_reinitialisation(depots=depots, outils=outils, demande=demande)
        return accepter(resultat)

    @router.post("/mots-de-passe/reinitialisation/verification")
    def verifier_lien(demande: DemandeJeton, _acteur: ActeurService) -> ReponseMessage:
        """Le lien de réinitialisation est-il encore valable ? (avant d'afficher le formulaire)"""
        with deps.transactions() as depots:
            return verifier_lien_reinitialisation(depots=depots, outils=outils, jeton=demande.jeton)

    @router.post("/mots-de-passe/reinitialisation")
    def reinitialiser(demande: DemandeMotDePasse, _acteur: ActeurService) -> ReponseMessage:
        """Nouveau mot de passe choisi avec le lien : toutes les sessions du compte sont fermées."""
        with deps.transactions() as depots:
            return definir_mot_de_passe(
                depots=depots, outils=outils, demande=demande, usage=UsageJeton.REINITIALISATION
            )

    return router
