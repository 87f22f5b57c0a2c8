"""`python -m devtools.demo_table [--write]`: what a new user types to create a demo account.

For each demo title of the register (devtools.seed): the N° étranger (the login identifier), the
number of the title or visa (« N° de votre visa ou de votre titre de séjour ») and its validity
dates (« Date de début de validité », « Date de fin de validité »).

The seed dates every demo title from the day it runs (each `make run`): it ends 60 days later and
began the day after the same date one year before. So the README gives that rule with an example
(`--write` keeps its table in step with the seed; a test checks it), and this command, run beside
`make run` (same var/ or IDENTITY_DATABASE_URL), prints the exact dates the register holds today.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, timedelta

from devtools.seed import PersonneDemo, personnes_demo
from plumbing.settings import REPO_ROOT
from services.identity.domain.registre import decaler_annees

START, END = "<!-- titres-demo:start -->", "<!-- titres-demo:end -->"
README = REPO_ROOT / "README.md"
JOURS_AVANT_LA_FIN = 60  # devtools.seed: renewal time, the title ends in two months
GUIDE = ("5903007178", "5903007177")  # SEPT and HUIT ETRANGER, with the guide's birth dates
EXEMPLE = date(2026, 12, 7)  # the README's worked example, a fixed day so that it never drifts


def validite(jour_du_semis: date) -> tuple[date, date]:
    """The validity of every demo title seeded on `jour_du_semis`."""
    fin = jour_du_semis + timedelta(days=JOURS_AVANT_LA_FIN)
    return decaler_annees(fin, -1) + timedelta(days=1), fin


def _jj_mm_aaaa(jour: date) -> str:
    return jour.strftime("%d/%m/%Y")


def _age(naissance: date, jour: date) -> int:
    return jour.year - naissance.year - ((jour.month, jour.day) < (naissance.month, naissance.day))


@dataclass(frozen=True)
class Ligne:
    personne: str
    cas: str
    identifiant: str
    titre: str
    mot_de_passe: str


def ligne(demo: PersonneDemo, aujourd_hui: date) -> Ligne:
    civil = demo.etat_civil
    personne = f"{civil.prenoms.upper()} {civil.nom_naissance}"
    ville = f"{demo.adresse.ville.title()} ({demo.adresse.code_postal[:2]})"
    if demo.numero_etranger in GUIDE:
        cas = f"données du guide, né(e) le {_jj_mm_aaaa(civil.date_naissance)}, {ville}"
    elif _age(civil.date_naissance, aujourd_hui) >= 18:
        cas = f"majeur, {ville}"
    else:
        cas = f"mineur {'émancipé' if civil.emancipe else 'non émancipé'}, {ville}"
    nature = "visa" if demo.nature == "visa" else "titre"
    identifiant = (
        f"`{demo.numero_etranger}`"
        if demo.numero_etranger
        else "pas de N° étranger : l'adresse électronique donnée à la création"
    )
    mot_de_passe = f"`{demo.mot_de_passe}`" if demo.mot_de_passe else "pas de compte : à créer"
    return Ligne(personne, cas, identifiant, f"{nature} `{demo.numero_titre}`", mot_de_passe)


def markdown(aujourd_hui: date, dates: dict[str, tuple[date, date]] | None = None) -> str:
    """The table; with `dates` (title number -> validity), the exact dates instead of the rule."""
    lignes = [
        "| Personne | Cas | Identifiant (N° étranger) | N° du titre ou du visa | "
        "Date de début de validité | Date de fin de validité | Mot de passe |",
        "|---|---|---|---|---|---|---|",
    ]
    exemple_debut, exemple_fin = validite(EXEMPLE)
    for demo in personnes_demo(aujourd_hui):
        entree = ligne(demo, aujourd_hui)
        if dates is None:
            debut, fin = (
                f"fin − 1 an + 1 jour (ex. `{_jj_mm_aaaa(exemple_debut)}`)",
                f"semis + {JOURS_AVANT_LA_FIN} jours (ex. `{_jj_mm_aaaa(exemple_fin)}`)",
            )
        else:
            debut, fin = (f"`{_jj_mm_aaaa(d)}`" for d in dates[demo.numero_titre])
        lignes.append(
            f"| {entree.personne} | {entree.cas} | {entree.identifiant} | {entree.titre} | "
            f"{debut} | {fin} | {entree.mot_de_passe} |"
        )
    return "\n".join(lignes)


def readme_avec_tableau(readme: str, aujourd_hui: date) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{markdown(aujourd_hui)}\n{END}{tail}"


def dates_du_registre() -> dict[str, tuple[date, date]]:
    """The validity of each demo title as identity's register holds it (the last seed's)."""
    from services.identity.settings import IdentitySettings
    from services.identity.wiring import build_parts

    parts = build_parts(IdentitySettings())
    try:
        with parts.unit_of_work.transaction() as depots:
            titres = {
                demo.numero_titre: depots.registre.titre_par_numero(demo.numero_titre)
                for demo in personnes_demo(parts.outils.clock.today())
            }
    finally:
        parts.engine.dispose()
    absents = [numero for numero, titre in titres.items() if titre is None]
    if absents:
        raise SystemExit(f"titres absents du registre (lancez `make run`) : {', '.join(absents)}")
    return {n: (t.date_debut, t.date_fin) for n, t in titres.items() if t is not None}


def main() -> None:
    aujourd_hui = date.today()
    if "--write" in sys.argv:
        README.write_text(
            readme_avec_tableau(README.read_text(encoding="utf-8"), aujourd_hui), encoding="utf-8"
        )
    else:
        print(markdown(aujourd_hui, dates_du_registre()))


if __name__ == "__main__":
    main()
