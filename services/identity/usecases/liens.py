"""E-mailed links: issue one (and ask the notifier to send it), or check one that comes back."""

from __future__ import annotations

from urllib.parse import urlencode

from contracts.courriel import DemandeCourriel, sujet_demande_courriel
from plumbing.clock import PARIS, new_id
from services.identity.domain.comptes import CompteDemandeur
from services.identity.domain.erreurs import LienInvalide
from services.identity.domain.jetons import JetonEmis, UsageJeton, empreinte
from services.identity.domain.ports import Depots
from services.identity.usecases.contexte import Outils

CHEMINS = {
    UsageJeton.CONFIRMATION: "/compte/confirmer",
    UsageJeton.REINITIALISATION: "/compte/reinitialiser",
}
LIENS_INVALIDES = {
    UsageJeton.CONFIRMATION: (
        "Ce lien de confirmation n'est plus valide : il a déjà été utilisé ou il a expiré. "
        "Recommencez la création de votre compte avec le numéro de votre visa ou de votre titre de séjour."
    ),
    UsageJeton.REINITIALISATION: (
        "Ce lien de réinitialisation n'est plus valide : il a déjà été utilisé ou il a expiré. "
        "Faites une nouvelle demande depuis « Mot de passe oublié ? »."
    ),
}


def envoyer_lien(*, depots: Depots, outils: Outils, compte: CompteDemandeur, usage: UsageJeton) -> None:
    """Issue a fresh link (older unused ones stop working) and queue the e-mail that carries it."""
    maintenant = outils.clock.now()
    reglages = outils.reglages
    duree = (
        reglages.duree_lien_confirmation
        if usage is UsageJeton.CONFIRMATION
        else reglages.duree_lien_reinitialisation
    )
    depots.jetons.annuler_ceux_de(compte.id, usage, maintenant)
    jeton = outils.signataire.nouveau_jeton(usage.value)
    emis = JetonEmis(new_id(), compte.id, usage, cree_le=maintenant, expire_le=maintenant + duree)
    depots.jetons.ajouter(emis, empreinte(jeton))
    lien = f"{reglages.url_publique.rstrip('/')}{CHEMINS[usage]}?{urlencode({'jeton': jeton})}"
    demande = DemandeCourriel(
        modele=usage.value,
        destinataire=compte.courriel,
        donnees={
            "lien": lien,
            "expiration": emis.expire_le.astimezone(PARIS).isoformat(timespec="minutes"),
            **nom_du_titulaire(depots, compte),
        },
        idempotence=f"identity-{usage.value}-{emis.id}",
    )
    depots.evenements.publier(sujet_demande_courriel("identity"), demande.model_dump(mode="json"))


def nom_du_titulaire(depots: Depots, compte: CompteDemandeur) -> dict[str, str | None]:
    personne = depots.registre.personne(compte.personne_id)
    if personne is None:
        return {}
    return {
        "nom": personne.etat_civil.nom_naissance,
        "prenoms": personne.etat_civil.prenoms,
        "identifiant": personne.numero_etranger or compte.courriel,
    }


def jeton_emis(*, depots: Depots, outils: Outils, jeton: str, usage: UsageJeton) -> JetonEmis | None:
    """The stored record of a link token that really came from us for this usage, spent or not."""
    if not outils.signataire.verifier(jeton, usage.value):
        return None
    emis = depots.jetons.par_empreinte(empreinte(jeton))
    return emis if emis is not None and emis.usage is usage else None


def compte_du_lien(
    *, depots: Depots, outils: Outils, jeton: str, usage: UsageJeton
) -> tuple[JetonEmis, CompteDemandeur]:
    """The account a still-valid link belongs to, or `LienInvalide`."""
    emis = jeton_emis(depots=depots, outils=outils, jeton=jeton, usage=usage)
    compte = depots.demandeurs.par_id(emis.compte_id) if emis else None
    if emis is None or compte is None or not emis.utilisable(outils.clock.now()):
        raise LienInvalide(LIENS_INVALIDES[usage])
    return emis, compte
