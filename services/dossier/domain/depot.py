"""What a deposit needs: every step's data complete for the case (pieces are checked by documents)."""

from __future__ import annotations

from contracts.dossier import LIBELLES_ATTESTATION, Cas, Etape
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import Manquant
from services.dossier.domain.saisie import attestations_manquantes


def manquants_des_etapes(dossier: Dossier, cas: Cas) -> list[Manquant]:
    manquants: list[Manquant] = []
    if dossier.derniere_etape < Etape.INFORMATIONS_PERSONNELLES.numero or not dossier.telephone:
        manquants.append(Manquant(Etape.INFORMATIONS_PERSONNELLES, "telephone", "Téléphone"))
    motif = dossier.motif_sejour
    if motif is None:
        manquants += [
            Manquant(Etape.MOTIF_SEJOUR, "datePriseEnChargeAse", "Date de prise en charge par l'ASE"),
            Manquant(Etape.MOTIF_SEJOUR, "situationFamiliale", "Situation familiale"),
            Manquant(Etape.MOTIF_SEJOUR, "enfantsACharge", "Enfants à charge"),
        ]
    attestations = motif.attestations if motif else []
    manquants += [
        Manquant(
            Etape.MOTIF_SEJOUR,
            f"attestations.{a.value}",
            f"Attestation sur l'honneur : {LIBELLES_ATTESTATION[a]}",
        )
        for a in attestations_manquantes(attestations, cas)
    ]
    if dossier.derniere_etape < Etape.JUSTIFICATIFS.numero:
        manquants.append(
            Manquant(Etape.JUSTIFICATIFS, "justificatifs", "Justificatifs : étape non enregistrée")
        )
    return manquants
