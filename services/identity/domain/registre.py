"""The reference register of issued titles and visas, and the people who hold them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.identity import Adresse, EtatCivil, NatureTitre

MENTION_VPF = "Vie privée et familiale"
TYPE_CARTE_PLURIANNUELLE = "Carte de séjour pluriannuelle"
DUREE_CARTE_PLURIANNUELLE_ANS = 4  # seed: décision le 12/09/2023, carte du 13/09/2023 au 12/09/2027


@dataclass(frozen=True)
class Personne:
    id: str
    numero_etranger: str | None
    etat_civil: EtatCivil
    adresse: Adresse


@dataclass(frozen=True)
class Titre:
    id: str
    personne_id: str
    numero: str
    nature: NatureTitre
    type: str
    mention: str
    date_debut: date
    date_fin: date
    dossier_id: str | None = None


def normaliser_numero_titre(numero: str) -> str:
    """Titles are typed with spaces or lower-case letters; compare them without."""
    return "".join(numero.split()).upper()


def titre_le_plus_recent(titres: list[Titre]) -> Titre | None:
    """The title in force: the one that started last (a renewal replaces the previous one)."""
    return max(titres, key=lambda t: (t.date_debut, t.date_fin), default=None)


def departement_de(code_postal: str) -> str:
    """The département (and so the préfecture) of a French postal code: "59000" -> "59".

    Overseas départements have three digits ("97411" -> "974"); Corsica splits into
    2A (20000-20190) and 2B (20200-20620).
    """
    code = code_postal.strip()
    if len(code) != 5 or not code.isdigit():
        raise ValueError("code postal invalide")
    if code.startswith("97") or code.startswith("98"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    return code[:2]


def periode_carte_pluriannuelle(date_decision: date) -> tuple[date, date]:
    """Validity of the card issued after a favourable decision: from the next day, for 4 years."""
    debut = date.fromordinal(date_decision.toordinal() + 1)
    fin_exclue = decaler_annees(debut, DUREE_CARTE_PLURIANNUELLE_ANS)
    return debut, date.fromordinal(fin_exclue.toordinal() - 1)


def decaler_annees(jour: date, ans: int) -> date:
    """The same day `ans` years later (or earlier when negative); 29 February becomes the 28th."""
    try:
        return jour.replace(year=jour.year + ans)
    except ValueError:  # 29 February
        return jour.replace(year=jour.year + ans, day=28)
