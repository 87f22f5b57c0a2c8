"""Who may start this procedure: the applicant themself, from 16, holding the title it renews.

The site already steers others away (« Votre situation actuelle »); the dossier decides, so that
no one starts a draft through the API with another title.
"""

from __future__ import annotations

from datetime import date

from contracts.dossier import (
    AGE_MINIMUM_DEMANDE,
    HORS_PROCEDURE_AGE,
    HORS_PROCEDURE_POUR,
    HORS_PROCEDURE_TITRE,
    PourQui,
    titre_renouvelable,
)
from contracts.identity import FicheDemandeur
from services.dossier.domain.erreurs import HorsProcedure
from services.dossier.domain.regles import age_le


def verifier_procedure(fiche: FicheDemandeur, pour: PourQui, aujourdhui: date) -> None:
    """« Moi-même (à partir de 16 ans) » and a title « MNA placé avant 16 ans » « VIE PRIVÉE ET FAMILIALE »."""
    if pour is not PourQui.MOI_MEME:
        raise HorsProcedure(HORS_PROCEDURE_POUR)
    if age_le(fiche.etat_civil.date_naissance, aujourdhui) < AGE_MINIMUM_DEMANDE:
        raise HorsProcedure(HORS_PROCEDURE_AGE)
    if not titre_renouvelable(fiche.titre_en_cours):
        raise HorsProcedure(HORS_PROCEDURE_TITRE)
