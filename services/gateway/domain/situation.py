"""« Je déclare un changement de situation »: the new address typed by the applicant, checked
field by field before anything is sent (identity checks again and keeps the register's history)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from contracts.identity import Adresse
from services.gateway.domain.formulaires import Erreurs

CHAMPS_ADRESSE = {
    "numero_voie": ("Numéro de voie", 20),
    "voie": ("Voie", 200),
    "complement": ("Complément d'adresse", 200),
    "code_postal": ("Code postal", 5),
    "ville": ("Ville", 100),
}
_CODE_POSTAL = re.compile(r"^\d{5}$")
JUSTIFICATIF = "justificatif"
LIBELLE_JUSTIFICATIF = "Justificatif de domicile datant de moins de 6 mois"
JUSTIFICATIF_REQUIS = "Joignez un justificatif de domicile datant de moins de 6 mois."
ADRESSE_INCHANGEE = "Cette adresse est déjà celle qui est enregistrée : aucun changement à déclarer."


def _propre(texte: str) -> str:
    return " ".join(texte.split())


def lire_nouvelle_adresse(valeurs: Mapping[str, str], actuelle: Adresse, erreurs: Erreurs) -> Adresse | None:
    """The address typed, or None with a message under each field at fault."""
    lues = {nom: _propre(valeurs.get(nom, "")) for nom in CHAMPS_ADRESSE}
    for nom, (libelle, longueur) in CHAMPS_ADRESSE.items():
        if len(lues[nom]) > longueur:
            erreurs.ajouter(nom, f"Le champ « {libelle} » ne doit pas dépasser {longueur} caractères.")
    if not lues["voie"]:
        erreurs.ajouter("voie", "Saisissez la voie de votre nouvelle adresse, par exemple RUE GAMBETTA.")
    if not _CODE_POSTAL.match(lues["code_postal"].replace(" ", "")):
        erreurs.ajouter("code_postal", "Le code postal comporte 5 chiffres, par exemple 62000.")
    if not lues["ville"]:
        erreurs.ajouter("ville", "Saisissez la ville de votre nouvelle adresse.")
    if erreurs.champs:
        return None
    adresse = Adresse(
        numero_voie=lues["numero_voie"].upper() or None,
        voie=lues["voie"].upper(),
        complement=lues["complement"].upper() or None,
        code_postal=lues["code_postal"].replace(" ", ""),
        ville=lues["ville"].upper(),
    )
    if adresse.ligne() == actuelle.model_copy(update={"code_insee": None}).ligne():
        erreurs.formulaire = ADRESSE_INCHANGEE
        return None
    return adresse
