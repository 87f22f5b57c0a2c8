"""Screen 4 and the wizard's frame: who this procedure is for, the five steps, where to resume.

The dossier service decides (and checks again); these rules only choose what the site shows: the
guide's « Votre situation actuelle » offers the renewal to the holder of a title « MNA placé avant
16 ans » with the mention « VIE PRIVÉE ET FAMILIALE », and tells anyone else in French that this
procedure is not theirs.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from contracts.identity import TitreEnCours

TYPE_RENOUVELABLE = "MNA placé avant 16 ans"
MENTION_RENOUVELABLE = "VIE PRIVÉE ET FAMILIALE"
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


def _comparable(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return " ".join(sans_accents.upper().split())


def titre_renouvelable(titre: TitreEnCours) -> bool:
    """The title this procedure renews: « MNA placé avant 16 ans », « VIE PRIVÉE ET FAMILIALE »."""
    return _comparable(titre.type) == _comparable(TYPE_RENOUVELABLE) and _comparable(
        titre.mention
    ) == _comparable(MENTION_RENOUVELABLE)


def age_le(date_naissance: date, jour: date) -> int:
    anniversaire_passe = (jour.month, jour.day) >= (date_naissance.month, date_naissance.day)
    return jour.year - date_naissance.year - (0 if anniversaire_passe else 1)


def est_mineur(date_naissance: date, jour: date) -> bool:
    """Only minors see « Je suis un mineur (+16 ans) émancipé » at step 1."""
    return age_le(date_naissance, jour) < AGE_MAJORITE


def etape_a_reprendre(derniere_etape: int) -> int:
    """A draft saved up to step n resumes at step n + 1 (step 4 at most: the deposit is a click)."""
    return min(max(derniere_etape, 0) + 1, 4)
