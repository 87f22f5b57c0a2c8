"""Account creation as in the seed: title check, e-mail typed twice, e-mailed link, password."""

from __future__ import annotations

from contracts.identity import DemandeCreationCompte, DemandeJeton, DemandeMotDePasse, ReponseMessage
from plumbing.clock import new_id
from services.identity.domain.comptes import (
    MESSAGE_COURRIEL_INVALIDE,
    MESSAGE_COURRIELS_DIFFERENTS,
    CompteDemandeur,
    EtatCompte,
    courriel_valide,
    normaliser_courriel,
)
from services.identity.domain.erreurs import DonneesInvalides, TitreIntrouvable, TropDeTentatives
from services.identity.domain.jetons import UsageJeton
from services.identity.domain.ports import Depots
from services.identity.domain.registre import normaliser_numero_titre
from services.identity.usecases.contexte import Outils, Refus
from services.identity.usecases.garde import Garde
from services.identity.usecases.liens import compte_du_lien, envoyer_lien
from services.identity.usecases.mots_de_passe import definir_mot_de_passe, phrase_identifiant

MESSAGE_DEMANDE_ENREGISTREE = (
    "Demande de création de compte bien enregistrée. "
    "Un email vous a été envoyé afin de confirmer votre adresse email."
)
AVANT_DE_DEPOSER = (
    "Vous devez confirmer votre adresse email et créer votre mot de passe avant de pouvoir envoyer "
    "votre demande."
)
COURRIEL_VALIDE = ReponseMessage(message="Votre adresse email a bien été validée.")
DATES_INCOHERENTES = "La date de fin de validité doit être postérieure à la date de début de validité."


def creer_compte(*, depots: Depots, outils: Outils, demande: DemandeCreationCompte) -> ReponseMessage | Refus:
    """Match the title against the register, then e-mail a confirmation link.

    The answer is the same whether or not an account already exists for this title, so the
    form cannot be used to learn who has an account.
    """
    courriel = _courriel_confirme(demande)
    if demande.date_fin_validite < demande.date_debut_validite:
        raise DonneesInvalides(DATES_INCOHERENTES)
    maintenant = outils.clock.now()
    garde = Garde.pour(depots, outils, "creation", None, demande.adresse_client)
    if garde.reserver() is None:  # counted first, counter locked: parallel guesses queue here
        return Refus(TropDeTentatives())
    titre = depots.registre.titre_par_numero(normaliser_numero_titre(demande.numero_titre))
    dates = (demande.date_debut_validite, demande.date_fin_validite)
    if titre is None or (titre.date_debut, titre.date_fin) != dates:
        return Refus(TitreIntrouvable())
    garde.reussite()
    compte = depots.demandeurs.par_personne(titre.personne_id)
    reponse = ReponseMessage(
        message=MESSAGE_DEMANDE_ENREGISTREE,
        paragraphes=[AVANT_DE_DEPOSER, phrase_identifiant(depots, titre.personne_id, futur=True)],
    )
    if not _a_confirmer(depots, outils, compte, titre.personne_id, courriel):
        return reponse
    if compte is None:
        compte = CompteDemandeur(new_id(), titre.personne_id, courriel, EtatCompte.EN_ATTENTE, maintenant)
    compte.courriel, compte.courriel_confirme_le = courriel, None
    depots.demandeurs.enregistrer(compte)
    envoyer_lien(depots=depots, outils=outils, compte=compte, usage=UsageJeton.CONFIRMATION)
    return reponse


def _courriel_confirme(demande: DemandeCreationCompte) -> str:
    courriel = normaliser_courriel(demande.courriel)
    if not courriel_valide(courriel):
        raise DonneesInvalides(MESSAGE_COURRIEL_INVALIDE)
    if courriel != normaliser_courriel(demande.confirmation_courriel):
        raise DonneesInvalides(MESSAGE_COURRIELS_DIFFERENTS)
    return courriel


def _a_confirmer(
    depots: Depots, outils: Outils, compte: CompteDemandeur | None, personne_id: str, courriel: str
) -> bool:
    """False when nothing must change: active account, repeated click, e-mail already an identifier."""
    if compte is not None and compte.actif:
        return False
    personne = depots.registre.personne(personne_id)
    sans_numero = personne is not None and personne.numero_etranger is None
    if sans_numero and depots.demandeurs.courriel_pris_comme_identifiant(
        courriel, compte.id if compte else None
    ):
        return False
    if compte is None or compte.courriel != courriel:
        return True
    dernier = depots.jetons.dernier(compte.id, UsageJeton.CONFIRMATION)
    return dernier is None or outils.clock.now() - dernier.cree_le >= outils.reglages.anti_doublon


def confirmer_courriel(*, depots: Depots, outils: Outils, demande: DemandeJeton) -> ReponseMessage:
    """The link from the e-mail was followed: the address is confirmed; the link stays valid
    until the password is created with it."""
    _emis, compte = compte_du_lien(
        depots=depots, outils=outils, jeton=demande.jeton, usage=UsageJeton.CONFIRMATION
    )
    if compte.courriel_confirme_le is None:
        compte.courriel_confirme_le = outils.clock.now()
        depots.demandeurs.enregistrer(compte)
    return COURRIEL_VALIDE


def creer_mot_de_passe(*, depots: Depots, outils: Outils, demande: DemandeMotDePasse) -> ReponseMessage:
    """Second step of the creation: the password, with the link of the confirmation e-mail."""
    return definir_mot_de_passe(depots=depots, outils=outils, demande=demande, usage=UsageJeton.CONFIRMATION)
