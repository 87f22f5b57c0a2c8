"""Screen 4 and the wizard's frame: who this procedure is for, the five steps, where to resume.

The dossier service decides (and checks again); these rules only choose what the site shows: the
guide's « Votre situation actuelle » offers the renewal to the holder of a title « MNA placé avant
16 ans » with the mention « VIE PRIVÉE ET FAMILIALE », and tells anyone else in French that this
procedure is not theirs.
"""

from __future__ import annotations

from datetime import date

from contracts.dossier import titre_renouvelable

__all__ = ["AUTRES_TITRES", "ETAPES", "est_mineur", "etape_a_reprendre", "titre_renouvelable"]
AGE_MAJORITE = 18

ETAPES = (
    (
        "Informations personnelles",
        "Vérifiez et complétez les informations relatives à votre identité et vos informations de contact.",
    ),
    ("Motif de séjour", "Décrivez votre projet et renseignez les ressources dont vous bénéficiez."),
    ("Justificatifs", "Joignez les documents justifiant votre situation."),
    ("Dépôt de la demande", "Confirmez et déposez définitivement votre demande."),
    ("Confirmation", "Le dépôt de votre demande est confirmé."),
)
"""« DÉPOSEZ VOTRE DEMANDE EN 5 ÉTAPES »: each step's name and the preamble's line about it."""

AUTRES_TITRES = (
    "En tant qu'étudiant",
    "En tant que visiteur",
    "En tant que passeport talent",
    "En tant que bénéficiaire de la protection internationale",
    "En tant que salarié - Hors passeport talent & hors Citoyen UE",
    "En tant que membre de famille",
    "Je suis en situation de vulnérabilité",
    "En tant que citoyen de l'Union Européenne",
    "En tant que ressortissant étranger né en France",
    "Pour motif humanitaire",
    "En tant que jeune au pair, ancien combattant ou retraité ayant travaillé en France",
)
"""« JE SOLLICITE UN AUTRE TITRE DE SÉJOUR : », all outside this online service."""


def age_le(date_naissance: date, jour: date) -> int:
    anniversaire_passe = (jour.month, jour.day) >= (date_naissance.month, date_naissance.day)
    return jour.year - date_naissance.year - (0 if anniversaire_passe else 1)


def est_mineur(date_naissance: date, jour: date) -> bool:
    """Only minors see « Je suis un mineur (+16 ans) émancipé » at step 1."""
    return age_le(date_naissance, jour) < AGE_MAJORITE


def etape_a_reprendre(derniere_etape: int) -> int:
    """A draft saved up to step n resumes at step n + 1 (step 4 at most: the deposit is a click)."""
    return min(max(derniere_etape, 0) + 1, 4)
