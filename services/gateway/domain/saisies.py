"""The wizard's forms, read into the dossier's step models, with an error tied to each field.

The dossier checks every rule again and answers `erreurs: [{champ, message}]` with its own field
paths (`adresse.codePostal`, `datePriseEnChargeAse`…): `CHAMPS_DU_DOSSIER` ties them to the
page's fields, so that its message appears under the right input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.dossier import (
    ATTESTATIONS_PAR_CAS,
    Attestation,
    Cas,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeMotifSejour,
    SituationFamiliale,
)
from services.gateway.domain.formulaires import Erreurs, lire_date

MAX_TELEPHONE = 30
MAX_OBSERVATIONS = 4000
CHIFFRES_EPHOTO = 22

CHAMPS_DU_DOSSIER = {
    "telephone": "telephone",
    "mineurEmancipe": "mineur_emancipe",
    "adresse.voie": "adresse",
    "adresse.ville": "adresse",
    "adresse.codePostal": "adresse",
    "adresse.codeInsee": "adresse",
    "adresse.pays": "adresse",
    "datePriseEnChargeAse": "ase",
    "situationFamiliale": "situation_familiale",
    "enfantsACharge": "enfants_a_charge",
    "observations": "observations",
    **{f"attestations.{a.value}": f"attestation_{a.value}" for a in Attestation},
}


def rattacher_erreurs(erreurs: Erreurs, du_dossier: list[dict[str, Any]], detail: str) -> None:
    """The dossier's refusal, each message under its field; what fits no field goes on top."""
    for erreur in du_dossier:
        champ = CHAMPS_DU_DOSSIER.get(str(erreur.get("champ", "")))
        message = str(erreur.get("message", "")) or detail
        if champ:
            erreurs.ajouter(champ, message)
        elif not erreurs.formulaire:
            erreurs.formulaire = message
    if not erreurs:
        erreurs.formulaire = detail


def lire_informations_personnelles(
    valeurs: Mapping[str, str], erreurs: Erreurs
) -> EtapeInformationsPersonnelles | None:
    """Step 1: the box, the phone. No address: the dossier takes the register's (a move is declared
    apart, « Je déclare un changement de situation »)."""
    telephone = valeurs.get("telephone", "").strip()
    if not telephone:
        erreurs.ajouter("telephone", "Saisissez votre numéro de téléphone.")
    elif len(telephone) > MAX_TELEPHONE:
        erreurs.ajouter("telephone", "Le numéro de téléphone est trop long.")
    if erreurs:
        return None
    emancipe = valeurs.get("mineur_emancipe") == "oui"
    return EtapeInformationsPersonnelles(mineur_emancipe=emancipe, telephone=telephone)


def lire_motif_sejour(valeurs: Mapping[str, str], cas: Cas, erreurs: Erreurs) -> EtapeMotifSejour | None:
    """Step 2: ASE date, family situation, children, the sworn statements of the case."""
    prise_en_charge = lire_date(*(valeurs.get(f"ase_{p}", "") for p in ("jour", "mois", "annee")))
    if prise_en_charge is None:
        erreurs.ajouter(
            "ase", "Saisissez une date de prise en charge par l'ASE réelle, par exemple 12 3 2019."
        )
    try:
        situation = SituationFamiliale(valeurs.get("situation_familiale", ""))
    except ValueError:
        situation = None
        erreurs.ajouter("situation_familiale", "Choisissez votre situation familiale actuelle.")
    enfants = valeurs.get("enfants_a_charge")
    if enfants not in ("oui", "non"):
        erreurs.ajouter("enfants_a_charge", "Indiquez si vous avez des enfants à votre charge.")
    cochees = [a for a in ATTESTATIONS_PAR_CAS[cas] if valeurs.get(f"attestation_{a.value}") == "oui"]
    for attestation in ATTESTATIONS_PAR_CAS[cas]:
        if attestation not in cochees:
            erreurs.ajouter(
                f"attestation_{attestation.value}", "Cochez cette case pour attester sur l'honneur."
            )
    if erreurs or prise_en_charge is None or situation is None:
        return None
    return EtapeMotifSejour(
        date_prise_en_charge_ase=prise_en_charge,
        situation_familiale=situation,
        enfants_a_charge=enfants == "oui",
        attestations=cochees,
    )


def lire_depot(valeurs: Mapping[str, str], erreurs: Erreurs) -> EtapeDepot | None:
    """Step 4: « Observations à destination de l'administration » (optional)."""
    observations = valeurs.get("observations", "").strip()
    if len(observations) > MAX_OBSERVATIONS:
        erreurs.ajouter("observations", f"Vos observations dépassent {MAX_OBSERVATIONS} caractères.")
        return None
    return EtapeDepot(observations=observations or None)


def lire_ephoto(saisi: str, erreurs: Erreurs) -> str | None:
    """The 22-digit e-photo number (spaces ignored); empty means none yet."""
    numero = "".join(saisi.split())
    if numero and (not numero.isdigit() or len(numero) != CHIFFRES_EPHOTO):
        erreurs.ajouter("ephoto", "Le numéro ephoto comporte 22 chiffres.")
    return numero or None
