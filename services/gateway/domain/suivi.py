"""« Ma demande »: what the applicant may still do once the application is deposited, and the
names of the documents the administration sent them.

The dossier service decides the withdrawal (and refuses it after the decision); this rule only
chooses whether the page offers « Je me désiste ».
"""

from __future__ import annotations

from contracts.dossier import DossierVue, Statut
from contracts.process import Modele

STATUTS_DESISTEMENT_POSSIBLE = frozenset(
    {Statut.DEPOSEE, Statut.EN_INSTRUCTION, Statut.COMPLEMENTS_DEMANDES, Statut.COMPLEMENTS_DEPOSES}
)
"""From the deposit until the decision, as long as the application is not closed."""

DOCUMENTS_DE_L_ADMINISTRATION = {
    Modele.CONFIRMATION_DEPOT: "Confirmation de dépôt",
    Modele.DEMANDE_COMPLEMENTS: "Demande de complément",
    Modele.ATTESTATION_PROLONGATION: "Attestation de prolongation de l'instruction",
    Modele.ATTESTATION_DECISION_FAVORABLE: "Attestation de décision favorable",
    Modele.DECISION_REFUS: "Décision de refus",
    Modele.TITRE_DISPONIBLE: "Titre disponible en préfecture",
    Modele.CLOTURE_INCOMPLET: "Clôture de la demande : dossier incomplet",
    Modele.DESISTEMENT: "Désistement",
}


def peut_se_desister(dossier: DossierVue) -> bool:
    return dossier.decision is None and dossier.statut in STATUTS_DESISTEMENT_POSSIBLE


def est_deposee(dossier: DossierVue) -> bool:
    """A draft or an abandoned draft has no « Ma demande » page: the wizard shows it."""
    return dossier.statut not in (Statut.BROUILLON, Statut.ABANDONNEE)
