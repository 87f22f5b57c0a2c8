"""After a favourable decision, the new pluriannual card enters the register (once per dossier)."""

from __future__ import annotations

from datetime import date

from contracts.variables import Demandeur
from plumbing.clock import new_id
from services.identity.domain.erreurs import Introuvable
from services.identity.domain.ports import Depots
from services.identity.domain.registre import (
    MENTION_VPF,
    TYPE_CARTE_PLURIANNUELLE,
    Personne,
    Titre,
    periode_carte_pluriannuelle,
)

SUJET_TITRE_ENREGISTRE = "identity.titre.enregistre"


def enregistrer_titre(
    *,
    depots: Depots,
    dossier_id: str,
    decision: str,
    date_decision: date,
    demandeur: Demandeur,
    demandeur_id: str | None = None,
) -> Titre | None:
    """Record the card issued for `dossier_id`; nothing for another decision, nothing twice.

    The card is valid from the day after the decision (`date_decision`, the valideur's day), not
    from the day the job happens to run."""
    if decision != "favorable":
        return None
    deja = depots.registre.titre_du_dossier(dossier_id)
    if deja is not None:
        return deja
    personne = _titulaire(depots, demandeur, demandeur_id)
    debut, fin = periode_carte_pluriannuelle(date_decision)
    titre = Titre(
        id=new_id(),
        personne_id=personne.id,
        numero=depots.registre.prochain_numero_titre(date_decision),
        nature="titre_sejour",
        type=TYPE_CARTE_PLURIANNUELLE,
        mention=MENTION_VPF,
        date_debut=debut,
        date_fin=fin,
        dossier_id=dossier_id,
    )
    depots.registre.enregistrer_titre(titre)
    depots.evenements.publier(
        SUJET_TITRE_ENREGISTRE,
        {"dossierId": dossier_id, "titreId": titre.id, "dateDebut": debut, "dateFin": fin},
    )
    return titre


def _titulaire(depots: Depots, demandeur: Demandeur, demandeur_id: str | None) -> Personne:
    """The holder, by account (`demandeurId`) or by the N° étranger of the `demandeur` variable."""
    compte = depots.demandeurs.par_id(demandeur_id) if demandeur_id else None
    if compte is not None and (personne := depots.registre.personne(compte.personne_id)):
        return personne
    numero = demandeur.numero_etranger
    if numero and (personne := depots.registre.personne_par_numero_etranger(numero)):
        return personne
    raise Introuvable("Titulaire introuvable dans le registre des titres (ni demandeurId ni numeroEtranger).")
