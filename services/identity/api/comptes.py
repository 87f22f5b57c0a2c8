"""Account creation, e-mail confirmation, password creation and reset (called by the gateway)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from contracts.identity import (
    DemandeCreationCompte,
    DemandeJeton,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    ReponseMessage,
)
from plumbing.erreurs_requete import refus
from services.identity.api.acteurs import ActeurService
from services.identity.domain.jetons import UsageJeton
from services.identity.usecases.comptes import confirmer_courriel, creer_compte, creer_mot_de_passe
from services.identity.usecases.contexte import accepter
from services.identity.usecases.mots_de_passe import (
    definir_mot_de_passe,
    demander_reinitialisation,
    verifier_lien_reinitialisation,
)

if TYPE_CHECKING:
    from services.identity.wiring import IdentityParts


def build_comptes_router(parts: IdentityParts) -> APIRouter:
    router = APIRouter(tags=["comptes"])
    run, outils = parts.unit_of_work.run, parts.outils

    @router.post("/comptes", status_code=202, responses=refus(429))
    def creer(demande: DemandeCreationCompte, _acteur: ActeurService) -> ReponseMessage:
        """Première visite : numéro et dates du titre ou du visa, email saisi deux fois."""
        return accepter(run(lambda d: creer_compte(depots=d, outils=outils, demande=demande)))

    @router.post("/comptes/confirmation")
    def confirmer(demande: DemandeJeton, _acteur: ActeurService) -> ReponseMessage:
        """Lien du courriel de confirmation suivi : l'adresse email est validée."""
        return run(lambda d: confirmer_courriel(depots=d, outils=outils, demande=demande))

    @router.post("/comptes/mot-de-passe")
    def creer_mdp(demande: DemandeMotDePasse, _acteur: ActeurService) -> ReponseMessage:
        """« Créez votre mot de passe » : le compte devient actif."""
        return run(lambda d: creer_mot_de_passe(depots=d, outils=outils, demande=demande))

    @router.post("/mots-de-passe/oubli", status_code=202, responses=refus(429))
    def oubli(demande: DemandeOubliMotDePasse, _acteur: ActeurService) -> ReponseMessage:
        """« Mot de passe oublié ? » : même réponse que le compte existe ou non."""
        return accepter(run(lambda d: demander_reinitialisation(depots=d, outils=outils, demande=demande)))

    @router.post("/mots-de-passe/reinitialisation/verification")
    def verifier_lien(demande: DemandeJeton, _acteur: ActeurService) -> ReponseMessage:
        """Le lien de réinitialisation est-il encore valable ? (avant d'afficher le formulaire)"""
        return run(lambda d: verifier_lien_reinitialisation(depots=d, outils=outils, jeton=demande.jeton))

    @router.post("/mots-de-passe/reinitialisation")
    def reinitialiser(demande: DemandeMotDePasse, _acteur: ActeurService) -> ReponseMessage:
        """Nouveau mot de passe choisi avec le lien : toutes les sessions du compte sont fermées."""
        usage = UsageJeton.REINITIALISATION
        return run(lambda d: definir_mot_de_passe(depots=d, outils=outils, demande=demande, usage=usage))

    return router
