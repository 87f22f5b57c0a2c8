"""What a step's form shows when it opens: what the dossier already holds."""

from __future__ import annotations

from contracts.dossier import DossierVue


def valeurs_enregistrees(dossier: DossierVue) -> dict[str, str]:
    valeurs = {
        "telephone": dossier.telephone or "",
        "mineur_emancipe": "oui" if dossier.mineur_emancipe else "",
        "observations": dossier.observations or "",
    }
    if motif := dossier.motif_sejour:
        date = motif.date_prise_en_charge_ase
        valeurs |= {"ase_jour": str(date.day), "ase_mois": str(date.month), "ase_annee": str(date.year)}
        valeurs |= {
            "situation_familiale": motif.situation_familiale.value,
            "enfants_a_charge": "oui" if motif.enfants_a_charge else "non",
        }
        valeurs |= {f"attestation_{a.value}": "oui" for a in motif.attestations}
    return valeurs
