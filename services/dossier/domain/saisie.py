"""Field-by-field checks of steps 1 and 2, with the French message of each field."""

from __future__ import annotations

import re
from datetime import date

from contracts.dossier import (
    ADRESSE_DU_REGISTRE,
    ATTESTATIONS_PAR_CAS,
    LIBELLES_ATTESTATION,
    MESSAGE_NON_ELIGIBLE,
    Attestation,
    Cas,
    EtapeInformationsPersonnelles,
    EtapeMotifSejour,
)
from contracts.identity import Adresse
from services.dossier.domain.erreurs import DemandeurNonEligible, ErreurChamp, SaisieInvalide
from services.dossier.domain.regles import (
    AGE_MAJORITE,
    AGE_MINIMUM_EMANCIPATION,
    age_le,
    pris_en_charge_a_temps,
)

_TELEPHONE = re.compile(r"^(?:0[1-9]\d{8}|\+\d{8,15}|00\d{8,15})$")


def normaliser_telephone(telephone: str) -> str:
    return re.sub(r"[\s.\-()]", "", telephone)


def _comparable(valeur: str | None) -> str:
    return " ".join((valeur or "").split()).upper()


def meme_adresse(saisie: Adresse, registre: Adresse) -> bool:
    """The same address, whatever the case and spaces (an empty part is a missing one)."""
    champs = tuple(Adresse.model_fields)
    return all(_comparable(getattr(saisie, c)) == _comparable(getattr(registre, c)) for c in champs)


def verifier_informations_personnelles(
    etape: EtapeInformationsPersonnelles, *, adresse_registre: Adresse, date_naissance: date, aujourdhui: date
) -> None:
    """The box and the phone; an address sent along must be the register's (moves go to identity)."""
    erreurs: list[ErreurChamp] = []
    if etape.adresse is not None and not meme_adresse(etape.adresse, adresse_registre):
        erreurs.append(ErreurChamp("adresse", ADRESSE_DU_REGISTRE))
    telephone = normaliser_telephone(etape.telephone)
    if not telephone:
        erreurs.append(ErreurChamp("telephone", "Le numéro de téléphone est obligatoire."))
    elif not _TELEPHONE.match(telephone):
        erreurs.append(
            ErreurChamp(
                "telephone",
                "Le numéro de téléphone n'est pas valide : 10 chiffres (ex. 0612345678) "
                "ou format international (ex. +33612345678).",
            )
        )
    if etape.mineur_emancipe:
        age = age_le(date_naissance, aujourdhui)
        if age >= AGE_MAJORITE:
            erreurs.append(
                ErreurChamp(
                    "mineurEmancipe",
                    "Vous êtes majeur : la case « Je suis un mineur (+16 ans) émancipé » ne doit pas être cochée.",
                )
            )
        elif age < AGE_MINIMUM_EMANCIPATION:
            erreurs.append(
                ErreurChamp("mineurEmancipe", "L'émancipation n'est possible qu'à partir de 16 ans.")
            )
    if erreurs:
        raise SaisieInvalide(erreurs)


def verifier_motif_sejour(
    etape: EtapeMotifSejour, *, date_naissance: date, cas: Cas, aujourdhui: date
) -> None:
    prise_en_charge = etape.date_prise_en_charge_ase
    champ = "datePriseEnChargeAse"
    if prise_en_charge > aujourdhui:
        raise SaisieInvalide(
            [
                ErreurChamp(
                    champ, "La date de prise en charge par l'ASE ne peut pas être postérieure à aujourd'hui."
                )
            ]
        )
    if prise_en_charge < date_naissance:
        raise SaisieInvalide(
            [
                ErreurChamp(
                    champ,
                    "La date de prise en charge par l'ASE ne peut pas précéder votre date de naissance.",
                )
            ]
        )
    if not pris_en_charge_a_temps(date_naissance, prise_en_charge):
        raise DemandeurNonEligible([ErreurChamp(champ, MESSAGE_NON_ELIGIBLE)], MESSAGE_NON_ELIGIBLE)
    manquantes = attestations_manquantes(etape.attestations, cas)
    if manquantes:
        raise SaisieInvalide(
            [
                ErreurChamp(f"attestations.{a.value}", f"Vous devez cocher : « {LIBELLES_ATTESTATION[a]} »")
                for a in manquantes
            ]
        )


def attestations_manquantes(cochees: list[Attestation], cas: Cas) -> list[Attestation]:
    return [a for a in ATTESTATIONS_PAR_CAS[cas] if a not in cochees]


def attestations_du_cas(cochees: list[Attestation], cas: Cas) -> list[Attestation]:
    """Only the statements the case asks for are kept."""
    return [a for a in ATTESTATIONS_PAR_CAS[cas] if a in cochees]
