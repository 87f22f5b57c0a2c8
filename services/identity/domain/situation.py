"""« Je déclare un changement de situation »: the applicant's new address, its proof, its history.

The register keeps one address per person (the one the next application is routed by) and the
dated history of every change: who declared it, when, the old and the new address, the proof.
Only the applicant themself declares a move, for their own fiche.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from contracts.identity import Adresse
from plumbing.actors import Actor
from services.identity.domain.erreurs import DonneesInvalides
from services.identity.domain.fiche import Fiche
from services.identity.domain.registre import departement_de

ADRESSE_INCOMPLETE = "Saisissez la voie, le code postal et la ville de votre nouvelle adresse."
CODE_POSTAL_INVALIDE = "Le code postal de votre nouvelle adresse comporte 5 chiffres, par exemple 62000."
ADRESSE_INCHANGEE = "Cette adresse est déjà celle qui est enregistrée : aucun changement à déclarer."


@dataclass(frozen=True)
class ChangementAdresse:
    id: str
    personne_id: str
    declare_le: datetime
    declare_par: str  # the applicant's account id
    ancienne: Adresse
    nouvelle: Adresse
    justificatif_dossier_id: str
    justificatif_fichier_id: str

    @property
    def prefecture(self) -> str:
        return departement_de(self.nouvelle.code_postal)


def peut_declarer(acteur: Actor, fiche: Fiche) -> bool:
    """The applicant themself, for their own fiche: not an agent, not a service on its own."""
    return acteur.is_applicant and acteur.id == fiche.compte.id


def _propre(valeur: str | None) -> str | None:
    texte = " ".join((valeur or "").split()).upper()
    return texte or None


def normaliser_adresse(adresse: Adresse) -> Adresse:
    """Upper case, single spaces, empty parts dropped: the register's way of writing addresses."""
    return Adresse(
        numero_voie=_propre(adresse.numero_voie),
        voie=_propre(adresse.voie) or "",
        complement=_propre(adresse.complement),
        code_postal="".join(adresse.code_postal.split()),
        ville=_propre(adresse.ville) or "",
        pays=_propre(adresse.pays) or "FRANCE",
        code_insee=_propre(adresse.code_insee),
    )


def nouvelle_adresse(ancienne: Adresse, saisie: Adresse) -> Adresse:
    """The declared address as the register will keep it; refused when incomplete or unchanged."""
    nouvelle = normaliser_adresse(saisie)
    if not nouvelle.voie or not nouvelle.ville or not nouvelle.code_postal:
        raise DonneesInvalides(ADRESSE_INCOMPLETE)
    try:
        departement_de(nouvelle.code_postal)
    except ValueError:
        raise DonneesInvalides(CODE_POSTAL_INVALIDE) from None
    if nouvelle == normaliser_adresse(ancienne):
        raise DonneesInvalides(ADRESSE_INCHANGEE)
    return nouvelle
