"""What the audit trail says of a completed task: the choices made (decision, validation…).

Only the form's choices are kept (their labels), never free text: observations and reasons stay
in the process and the dossier, not in the trail."""

from __future__ import annotations

from typing import Any

from services.backoffice.domain.formulaires import Champ, Formulaire

MAX_RESULTAT = 500


def resultat_de(formulaire: Formulaire, reponse: dict[str, Any]) -> str | None:
    """« Décision : Demander des compléments », one « libellé : choix » per chosen option."""
    parties = []
    for element in formulaire.elements:
        if isinstance(element, Champ) and element.options and isinstance(reponse.get(element.cle), str):
            choix = next((o.libelle for o in element.options if o.valeur == reponse[element.cle]), None)
            if choix:
                parties.append(f"{element.libelle} : {choix}")
    return " ; ".join(parties)[:MAX_RESULTAT] or None
