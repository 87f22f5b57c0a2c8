"""The strength estimate of a password: zxcvbn, taught the French keyboard and French passwords.

zxcvbn knows English words, names and passwords, and the QWERTY and Dvorak keyboards. Here it also
learns the AZERTY keyboard (« Azer1234! », « Qsdf1234! ») and the list of common French passwords
shipped with the service. Each call gets its own dictionaries (the applicant's own words among
them): zxcvbn's top-level function keeps them in a module global, unsafe across threads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zxcvbn import matching, scoring

from services.identity.domain.mot_de_passe import Estimation, Faiblesse

LONGUEUR_ESTIMEE = 72  # zxcvbn refuses longer input; past that a password is long enough anyway

# A French AZERTY keyboard, drawn as zxcvbn's own generator expects (each row one key further
# right, each key « unshifted shifted »): digits are shifted on it, unlike on QWERTY.
AZERTY = (
    "\n"
    "   &1 é2 \"3 '4 (5 -6 è7 _8 ç9 à0 )° =+\n"
    "    aA zZ eE rR tT yY uU iI oO pP ^¨ $£\n"
    "     qQ sS dD fF gG hH jJ kK lL mM ù% *µ\n"
    "   <> wW xX cC vV bB nN ,? ;. :/ !§\n"
)

FAIBLESSES = {
    "dictionary": Faiblesse.MOT_COURANT,
    "spatial": Faiblesse.CLAVIER,
    "sequence": Faiblesse.SUITE,
    "repeat": Faiblesse.REPETITION,
    "date": Faiblesse.DATE,
    "regex": Faiblesse.DATE,  # zxcvbn's only regex is the recent year
}


def graphe_clavier(dessin: str) -> dict[str, list[str | None]]:
    """zxcvbn's adjacency graph of a slanted keyboard: for each character, its six neighbours
    (left, up-left… in zxcvbn's order), None past an edge."""
    positions: dict[tuple[int, int], str] = {}
    for y, ligne in enumerate(dessin.split("\n")):
        for touche in ligne.split():
            x, reste = divmod(ligne.index(touche) - (y - 1), 3)
            assert reste == 0, touche
            positions[(x, y)] = touche
    graphe: dict[str, list[str | None]] = {}
    for (x, y), touche in positions.items():
        voisins = [(x - 1, y), (x, y - 1), (x + 1, y - 1), (x + 1, y), (x, y + 1), (x - 1, y + 1)]
        for caractere in touche:
            graphe[caractere] = [positions.get(v) for v in voisins]
    return graphe


class EstimateurZxcvbn:
    """`domain.mot_de_passe.EstimateurRobustesse` by zxcvbn 4.5."""

    def __init__(self, mots_francais: Iterable[str] = ()) -> None:
        # The keyboards are read by zxcvbn from its module; adding one is the same for every call.
        matching.GRAPHS.setdefault("azerty", graphe_clavier(AZERTY))
        francais = [m for m in mots_francais if m]
        self._dictionnaires = {
            **matching.RANKED_DICTIONARIES,
            "francais": matching.build_ranked_dict(francais),
        }

    def estimer(self, mot_de_passe: str, propres: list[str]) -> Estimation:
        essai = mot_de_passe[:LONGUEUR_ESTIMEE]
        dictionnaires = {
            **self._dictionnaires,
            "user_inputs": matching.build_ranked_dict([p.lower() for p in propres if p]),
        }
        trouves = matching.omnimatch(essai, dictionnaires)
        resultat = scoring.most_guessable_match_sequence(essai, trouves)
        return Estimation(essais=float(resultat["guesses"]), faiblesse=_faiblesse(resultat["sequence"]))


def _faiblesse(sequence: list[Any]) -> str:
    """The most guessable part found, in French: the part with the fewest guesses per character."""
    reperes = [m for m in sequence if m.get("pattern") in FAIBLESSES]
    if not reperes:
        return Faiblesse.AUTRE
    pire = min(reperes, key=lambda m: float(m.get("guesses", 1)) / max(1, len(m["token"])))
    if pire.get("dictionary_name") == "user_inputs":
        return Faiblesse.PERSONNEL
    return FAIBLESSES[pire["pattern"]]
