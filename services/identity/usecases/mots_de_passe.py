"""Setting a password through an e-mailed link: at account creation, or after "mot de passe oublié"."""

from __future__ import annotations

from contracts.identity import DemandeMotDePasse, DemandeOubliMotDePasse, ReponseMessage
from services.identity.domain.comptes import CompteDemandeur, EtatCompte, normaliser_identifiant
from services.identity.domain.erreurs import TropDeTentatives
from services.identity.domain.jetons import UsageJeton
from services.identity.domain.mot_de_passe import Demandeur
from services.identity.domain.ports import Depots
from services.identity.usecases.contexte import Outils, Refus
from services.identity.usecases.garde import Garde
from services.identity.usecases.liens import compte_du_lien, envoyer_lien, jeton_emis

SUJET_COMPTE_ACTIVE = "identity.compte.active"
SUJET_MOT_DE_PASSE_CHANGE = "identity.compte.mot-de-passe-change"

MESSAGES = {
    UsageJeton.CONFIRMATION: "Votre compte a bien été créé.",
    UsageJeton.REINITIALISATION: "Votre mot de passe a bien été modifié.",
}
COMPTE_CREE = [
    "Vous pouvez désormais vous connecter pour envoyer votre demande et accéder à votre espace personnel.",
    "C'est également depuis cet espace personnel que vous pourrez consulter l'avancée de votre demande "
    "et répondre aux différentes demandes des agents.",
]
DEMANDE_REINITIALISATION = ReponseMessage(
    message="Si un compte correspond à cet identifiant, un email vous a été envoyé "
    "avec un lien pour choisir un nouveau mot de passe."
)


def definir_mot_de_passe(
    *, depots: Depots, outils: Outils, demande: DemandeMotDePasse, usage: UsageJeton
) -> ReponseMessage:
    """Check the link and the password rule, store the argon2id hash, spend the link.

    A second identical submission moments later (a double click) gets the same answer.
    """
    deja = _deja_fait(depots, outils, demande, usage)
    if deja is not None:
        return _reponse(depots, usage, deja)
    emis, compte = compte_du_lien(depots=depots, outils=outils, jeton=demande.jeton, usage=usage)
    outils.politique_mot_de_passe.verifier(
        demande.mot_de_passe, demande.confirmation_mot_de_passe, _demandeur(depots, compte)
    )
    maintenant = outils.clock.now()
    premiere_activation = compte.etat is not EtatCompte.ACTIF
    compte.mot_de_passe = outils.hacheur.hacher(demande.mot_de_passe)
    compte.etat = EtatCompte.ACTIF
    compte.courriel_confirme_le = compte.courriel_confirme_le or maintenant  # the link proves it
    depots.demandeurs.enregistrer(compte)
    depots.jetons.marquer_utilise(emis.id, maintenant)
    depots.sessions.revoquer_toutes("demandeur", compte.id, maintenant, sauf=None)
    sujet = SUJET_COMPTE_ACTIVE if premiere_activation else SUJET_MOT_DE_PASSE_CHANGE
    depots.evenements.publier(sujet, {"compteId": compte.id})
    return _reponse(depots, usage, compte)


def _demandeur(depots: Depots, compte: CompteDemandeur) -> Demandeur:
    """What the applicant's password must not contain, from the register."""
    personne = depots.registre.personne(compte.personne_id)
    if personne is None:
        return Demandeur(courriel=compte.courriel)
    civil = personne.etat_civil
    noms = tuple(n for n in (civil.nom_naissance, civil.nom_usage, civil.prenoms) if n)
    return Demandeur(noms=noms, numero_etranger=personne.numero_etranger, courriel=compte.courriel)


def phrase_identifiant(depots: Depots, personne_id: str, *, futur: bool = False) -> str:
    """The seed's « Votre identifiant de connexion est votre N° Etranger » (the e-mail without one)."""
    personne = depots.registre.personne(personne_id)
    quoi = "adresse email" if personne is not None and personne.numero_etranger is None else "N° Etranger"
    return f"Votre identifiant de connexion {'sera' if futur else 'est'} votre {quoi}"


def _reponse(depots: Depots, usage: UsageJeton, compte: CompteDemandeur) -> ReponseMessage:
    if usage is not UsageJeton.CONFIRMATION:
        return ReponseMessage(message=MESSAGES[usage])
    paragraphes = [*COMPTE_CREE, phrase_identifiant(depots, compte.personne_id)]
    return ReponseMessage(message=MESSAGES[usage], paragraphes=paragraphes)


def _deja_fait(
    depots: Depots, outils: Outils, demande: DemandeMotDePasse, usage: UsageJeton
) -> CompteDemandeur | None:
    """The account, when this very password was set with this link moments ago (a double click)."""
    emis = jeton_emis(depots=depots, outils=outils, jeton=demande.jeton, usage=usage)
    if emis is None or emis.utilise_le is None:
        return None
    if outils.clock.now() - emis.utilise_le >= outils.reglages.anti_doublon:
        return None
    compte = depots.demandeurs.par_id(emis.compte_id)
    if compte is None or compte.mot_de_passe is None:
        return None
    return compte if outils.hacheur.verifier(compte.mot_de_passe, demande.mot_de_passe) else None


def demander_reinitialisation(
    *, depots: Depots, outils: Outils, demande: DemandeOubliMotDePasse
) -> ReponseMessage | Refus:
    """Same answer whatever the identifier; the e-mail goes only to the account's own address.

    An account still waiting for its password gets its confirmation link again instead.
    """
    identifiant = normaliser_identifiant(demande.identifiant)
    garde = Garde.pour(depots, outils, "oubli", identifiant, demande.adresse_client)
    if garde.reserver() is None:  # every request counts (this form sends e-mails), counted first
        return Refus(TropDeTentatives())
    compte = depots.demandeurs.par_identifiant(identifiant)
    if compte is not None:
        usage = UsageJeton.REINITIALISATION if compte.actif else UsageJeton.CONFIRMATION
        envoyer_lien(depots=depots, outils=outils, compte=compte, usage=usage)
    return DEMANDE_REINITIALISATION


def verifier_lien_reinitialisation(*, depots: Depots, outils: Outils, jeton: str) -> ReponseMessage:
    """Lets the site show the new-password form only for a link that still works."""
    compte_du_lien(depots=depots, outils=outils, jeton=jeton, usage=UsageJeton.REINITIALISATION)
    return ReponseMessage(message="Choisissez votre nouveau mot de passe.")
