"""A posted form: its values (trimmed, bounded) and whether its CSRF token is genuine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from plumbing.dsfr.security import CSRF_FIELD
from services.gateway.domain.formulaires import Erreurs

MAX_CHAMP = 1024
MAX_CHAMPS_LONGS = {"observations": 4100}  # « Observations à destination de l'administration »
SECRETS = ("mot_de_passe", "confirmation_mot_de_passe")
CSRF_REFUSE = (
    "Pour votre sécurité, ce formulaire n'a pas été envoyé : la page était ouverte depuis trop "
    "longtemps ou a été modifiée. Vérifiez les informations ci-dessous et validez à nouveau."
)


@dataclass(frozen=True)
class Formulaire:
    valeurs: dict[str, str]
    jeton_valide: bool

    def champ(self, nom: str) -> str:
        return self.valeurs.get(nom, "")

    def a_reafficher(self) -> dict[str, str]:
        """What may be shown again in the page: everything but passwords."""
        return {nom: valeur for nom, valeur in self.valeurs.items() if nom not in SECRETS}

    def statut(self) -> int:
        """The status of a page shown again with errors: 403 for a refused token, else 422."""
        return 403 if not self.jeton_valide else 422

    def erreurs(self) -> Erreurs:
        """Errors to start checking with: a refused CSRF token is the first."""
        return Erreurs(formulaire=None if self.jeton_valide else CSRF_REFUSE)


async def lire_formulaire(request: Request) -> Formulaire:
    form = await request.form(max_files=0, max_fields=50)
    valeurs = {
        nom: valeur[: MAX_CHAMPS_LONGS.get(nom, MAX_CHAMP)]
        for nom, valeur in form.items()
        if isinstance(valeur, str) and nom != CSRF_FIELD
    }
    jeton = form.get(CSRF_FIELD)
    security = request.app.state.security
    return Formulaire(valeurs, isinstance(jeton, str) and security.csrf_valid(request, jeton))


FormulaireRecu = Annotated[Formulaire, Depends(lire_formulaire)]
