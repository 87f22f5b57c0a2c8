"""`python -m devtools.seed`: identity's demo data, refused unless APP_ENV is `development`.

People of the register covering the three cases, the seed's SEPT and HUIT ETRANGER, demo accounts
and agents, whose passwords are published in the README. Ages and title dates are computed from
today, so the three cases stay true over time; SEPT and HUIT keep the seed's birth dates. Seeding
twice changes nothing but those relative dates.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import ValidationError

from contracts.identity import Adresse, EtatCivil, NatureTitre, Role
from plumbing.logs import configure_logging
from plumbing.settings import PlatformSettings
from services.identity.domain.comptes import CompteAgent, CompteDemandeur, EtatCompte
from services.identity.domain.ports import Depots
from services.identity.domain.registre import MENTION_VPF, Personne, Titre, decaler_annees
from services.identity.settings import IdentitySettings
from services.identity.usecases.contexte import Outils
from services.identity.wiring import build_parts, migrate

ESPACE = uuid.UUID("6f1d3c52-5a0e-4c4e-9a55-1d2b6b0d7e01")
TYPE_MNA = "MNA placé avant 16 ans"
LILLE = Adresse(
    numero_voie="20", voie="RUE NATIONALE", code_postal="59000", ville="LILLE", code_insee="59350"
)


def _id(nature: str, cle: str) -> str:
    return uuid.uuid5(ESPACE, f"{nature}:{cle}").hex


@dataclass(frozen=True)
class PersonneDemo:
    numero_etranger: str | None
    etat_civil: EtatCivil
    adresse: Adresse
    numero_titre: str
    nature: NatureTitre = "titre_sejour"
    type_titre: str = TYPE_MNA
    courriel: str | None = None  # an active demo account with `mot_de_passe`
    mot_de_passe: str | None = None


def ne_il_y_a(aujourd_hui: date, ans: int, jours: int = 0) -> date:
    return decaler_annees(aujourd_hui, -ans) - timedelta(days=jours)


def personnes_demo(aujourd_hui: date) -> list[PersonneDemo]:
    def civil(
        nom_usage: str | None,
        prenoms: str,
        sexe: str,
        naissance: date,
        pays: str,
        lieu: str,
        nationalite: str,
        emancipe: bool = False,
    ) -> EtatCivil:
        return EtatCivil(
            nom_naissance="ETRANGER",
            nom_usage=nom_usage,
            prenoms=prenoms,
            sexe=sexe,
            date_naissance=naissance,
            pays_naissance=pays,
            lieu_naissance=lieu,
            nationalite=nationalite,
            emancipe=emancipe,
        )

    return [
        PersonneDemo(
            "5903007178",
            civil("INC", "Sept", "F", date(2006, 7, 1), "Bresil", "Brasilia", "Brésilienne"),
            LILLE,
            "9900000007",
            courriel="septetranger@yopmail.com",
            mot_de_passe="Tournesol.Lille59!",
        ),
        PersonneDemo(
            "5903007177",
            civil(None, "Huit", "M", date(2004, 8, 1), "Bresil", "Brasilia", "Brésilienne"),
            LILLE,
            "9900000008",
        ),
        PersonneDemo(
            "5903007179",
            civil(None, "Neuf", "F", ne_il_y_a(aujourd_hui, 16, 300), "Guinée", "Conakry", "Guinéenne"),
            Adresse(
                numero_voie="12",
                voie="RUE DE LANNOY",
                code_postal="59100",
                ville="ROUBAIX",
                code_insee="59512",
            ),
            "9900000009",
        ),
        PersonneDemo(
            "5903007180",
            civil(
                None, "Dix", "M", ne_il_y_a(aujourd_hui, 17, 30), "Mali", "Bamako", "Malienne", emancipe=True
            ),
            Adresse(
                numero_voie="3",
                voie="PLACE DU THEATRE",
                code_postal="59000",
                ville="LILLE",
                code_insee="59350",
            ),
            "9900000010",
        ),
        PersonneDemo(
            "6203007181",
            civil(None, "Onze", "M", ne_il_y_a(aujourd_hui, 19, 45), "Afghanistan", "Kaboul", "Afghane"),
            Adresse(
                numero_voie="7", voie="RUE ERNESTALE", code_postal="62000", ville="ARRAS", code_insee="62041"
            ),
            "9900000011",
            courriel="onzeetranger@yopmail.com",
            mot_de_passe="Beffroi.Arras62!",
        ),
        PersonneDemo(
            None,
            civil(
                None, "Douze", "F", ne_il_y_a(aujourd_hui, 18, 60), "Côte d'Ivoire", "Abidjan", "Ivoirienne"
            ),
            Adresse(
                numero_voie="1",
                voie="BOULEVARD JACQUARD",
                code_postal="62100",
                ville="CALAIS",
                code_insee="62193",
            ),
            "9900000012",
            nature="visa",
            type_titre="Visa de long séjour valant titre de séjour (VLS-TS)",
        ),
    ]


@dataclass(frozen=True)
class AgentDemo:
    identifiant: str
    prenom: str
    nom: str
    roles: tuple[Role, ...]
    prefectures: tuple[str, ...]
    mot_de_passe: str


AGENTS_DEMO = (
    AgentDemo("instructeur.nord", "Camille", "DURAND", ("instructeur",), ("59",), "Instruction-Nord-59"),
    AgentDemo("valideur.nord", "Dominique", "LEROY", ("valideur",), ("59",), "Validation-Nord-59"),
    AgentDemo("instructeur.pas-de-calais", "Alex", "MARTIN", ("instructeur",), ("62",), "Instruction-PdC-62"),
    AgentDemo("valideur.pas-de-calais", "Claude", "PETIT", ("valideur",), ("62",), "Validation-PdC-62"),
    AgentDemo(
        "responsable.processus", "Sacha", "BERNARD", ("responsable-processus",), (), "Processus-Sejour-2026"
    ),
    AgentDemo("admin", "Morgan", "ROUX", ("admin",), ("59", "62"), "Admin-Anef-Sejour-1"),
)


def semer_demonstration(*, depots: Depots, outils: Outils) -> dict[str, int]:
    """Idempotent: people and titles are refreshed, accounts and agents created once."""
    aujourd_hui = outils.clock.today()
    comptes_crees = 0
    for demo in personnes_demo(aujourd_hui):
        personne = Personne(
            _id("personne", demo.numero_titre), demo.numero_etranger, demo.etat_civil, demo.adresse
        )
        depots.registre.enregistrer_personne(personne)
        fin = aujourd_hui + timedelta(days=60)  # renewal time: the title ends in two months
        debut = decaler_annees(fin, -1) + timedelta(days=1)
        depots.registre.enregistrer_titre(
            Titre(
                _id("titre", demo.numero_titre),
                personne.id,
                demo.numero_titre,
                demo.nature,
                demo.type_titre,
                MENTION_VPF,
                debut,
                fin,
            )
        )
        if demo.courriel and demo.mot_de_passe and depots.demandeurs.par_personne(personne.id) is None:
            maintenant = outils.clock.now()
            compte = CompteDemandeur(
                _id("compte", personne.id),
                personne.id,
                demo.courriel,
                EtatCompte.ACTIF,
                maintenant,
                outils.hacheur.hacher(demo.mot_de_passe),
                maintenant,
            )
            depots.demandeurs.enregistrer(compte)
            comptes_crees += 1
    agents_crees = 0
    for demo_agent in AGENTS_DEMO:
        if depots.agents.par_identifiant(demo_agent.identifiant) is None:
            depots.agents.enregistrer(
                CompteAgent(
                    _id("agent", demo_agent.identifiant),
                    demo_agent.identifiant,
                    demo_agent.nom,
                    demo_agent.prenom,
                    outils.hacheur.hacher(demo_agent.mot_de_passe),
                    list(demo_agent.roles),
                    list(demo_agent.prefectures),
                )
            )
            agents_crees += 1
    return {"personnes": len(personnes_demo(aujourd_hui)), "comptes": comptes_crees, "agents": agents_crees}


def refus_hors_developpement() -> str | None:
    """Why seeding is refused here, or None in development (APP_ENV read as plumbing.settings does)."""
    try:
        environnement = PlatformSettings().app_env
    except ValidationError:
        environnement = None  # unreadable settings: not a development machine we know
    if environnement == "development":
        return None
    return (
        "Refusé : les données de démonstration (comptes aux mots de passe publiés) ne se chargent "
        f"qu'en développement (APP_ENV=development), pas ici (APP_ENV={environnement or 'invalide'})."
    )


def semer_base_a_jour(settings: IdentitySettings) -> None:
    """The demo data in identity's database, already brought to its latest schema."""
    parts = build_parts(settings)
    try:
        compte_rendu = parts.unit_of_work.run(
            lambda depots: semer_demonstration(depots=depots, outils=parts.outils)
        )
    finally:
        parts.engine.dispose()
    logging.getLogger("devtools.seed").info("données de démonstration en place", extra=compte_rendu)


def main(migrer: bool = True) -> None:
    """`python -m devtools.seed`; `migrer=False` once identity has migrated its database itself
    (`make run`'s start-up step seeds when identity answers, without importing Alembic again)."""
    if refus := refus_hors_developpement():
        raise SystemExit(refus)
    settings = IdentitySettings()
    configure_logging("devtools.seed", PlatformSettings().log_level)
    if migrer:
        migrate(settings)
    semer_base_a_jour(settings)


if __name__ == "__main__":
    main()
