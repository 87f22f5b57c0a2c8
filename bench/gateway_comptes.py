"""The gateway benchmark's applicants: `python bench/gateway_comptes.py N` in the stack's environment.

Writes N adults to identity's register, each with a current « MNA placé avant 16 ans » title with
the mention « Vie privée et familiale » ending in 60 days and an active account, as devtools.seed
does for the demo people (same tables, same unit of work). The password is hashed once and shared:
the bench measures the site, not N argon2 hashes. Prints the identifiers, one per line.
Only for a throw-away development stack (refused outside APP_ENV=development, like the seed).
"""

from __future__ import annotations

import sys
import uuid
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contracts.identity import Adresse, EtatCivil
from devtools.seed import TYPE_MNA, refus_hors_developpement
from services.identity.domain.comptes import CompteDemandeur, EtatCompte
from services.identity.domain.ports import Depots
from services.identity.domain.registre import MENTION_VPF, Personne, Titre, decaler_annees
from services.identity.settings import IdentitySettings
from services.identity.usecases.contexte import Outils
from services.identity.wiring import build_parts, migrate

MOT_DE_PASSE = "Banc.Essai59!"
ESPACE = uuid.UUID("0b6c3f0e-8f0a-4d55-9d1c-4b1f2f0c5a11")
ADRESSES = (
    Adresse(numero_voie="20", voie="RUE NATIONALE", code_postal="59000", ville="LILLE", code_insee="59350"),
    Adresse(numero_voie="7", voie="RUE ERNESTALE", code_postal="62000", ville="ARRAS", code_insee="62041"),
)


def identifiant(indice: int) -> str:
    """The N° étranger of the bench's applicant `indice` (10 digits, never a demo one)."""
    return f"598{indice:07d}"


def creer(depots: Depots, outils: Outils, nombre: int) -> list[str]:
    aujourd_hui = outils.clock.today()
    empreinte = outils.hacheur.hacher(MOT_DE_PASSE)
    maintenant = outils.clock.now()
    fin = aujourd_hui + timedelta(days=60)
    identifiants = []
    for indice in range(1, nombre + 1):
        numero = identifiant(indice)
        cle = lambda nature, n=numero: uuid.uuid5(ESPACE, f"{nature}:{n}").hex  # noqa: E731
        civil = EtatCivil(
            nom_naissance="BANC",
            prenoms=f"Essai {indice}",
            sexe="F" if indice % 2 else "M",
            date_naissance=decaler_annees(aujourd_hui, -19) - timedelta(days=indice % 300),
            pays_naissance="Guinée",
            lieu_naissance="Conakry",
            nationalite="Guinéenne",
        )
        personne = Personne(cle("personne"), numero, civil, ADRESSES[indice % len(ADRESSES)])
        depots.registre.enregistrer_personne(personne)
        depots.registre.enregistrer_titre(
            Titre(
                cle("titre"),
                personne.id,
                f"97{indice:08d}",
                "titre_sejour",
                TYPE_MNA,
                MENTION_VPF,
                decaler_annees(fin, -1) + timedelta(days=1),
                fin,
            )
        )
        if depots.demandeurs.par_personne(personne.id) is None:
            depots.demandeurs.enregistrer(
                CompteDemandeur(
                    cle("compte"),
                    personne.id,
                    f"banc.{indice}@example.org",
                    EtatCompte.ACTIF,
                    maintenant,
                    empreinte,
                    maintenant,
                )
            )
        identifiants.append(numero)
    return identifiants


def main() -> None:
    if refus := refus_hors_developpement():
        raise SystemExit(refus)
    nombre = int(sys.argv[1])
    settings = IdentitySettings()
    migrate(settings)
    parts = build_parts(settings)
    try:
        identifiants = parts.unit_of_work.run(lambda depots: creer(depots, parts.outils, nombre))
    finally:
        parts.engine.dispose()
    print("\n".join(identifiants))


if __name__ == "__main__":
    main()
