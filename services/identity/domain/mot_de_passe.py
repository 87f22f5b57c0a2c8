"""The seed's password rule, then what makes a password that follows it still easy to guess.

In order: no invisible or control character; the guide's format (the special characters of both
of its screens); the confirmation; nothing of the applicant's own name or N° étranger; not one of
the passwords everybody tries first; and, last, a strength estimate (zxcvbn, behind the
`EstimateurRobustesse` port) that knows dictionary words, keyboard walks, sequences and dates.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from services.identity.domain.erreurs import MotDePasseRefuse

# The guide's two screens differ: « !"#$%&()*-./=>?@_ » when the account is created,
# « !"#$$%&()*+,-/=>?@_ » on the other; both sets are accepted.
CARACTERES_SPECIAUX = '!"#$%&()*+,-./=>?@_'
LONGUEUR_MINIMALE = 8
LONGUEUR_MAXIMALE = 128  # argon2 hashes anything, but a megabyte "password" is an attack
# At least as hard to guess as any 8 characters of the guide's format (10^8 guesses for zxcvbn):
# « Summer2026! » or « Azer1234! » follow the format and fall far below it.
ESSAIS_MINIMAUX = 1e8
PARTIE_MINIMALE = 3  # parts of a name shorter than this are too common to refuse (« Li », « Bo »)

MESSAGE_FORMAT = (
    "Format attendu : au moins 8 caractères, une majuscule, une minuscule, "
    'un caractère spécial !"#$%&()*+,-./=>?@_ et un chiffre.'
)
MESSAGE_DIFFERENTS = "La confirmation du mot de passe ne correspond pas au mot de passe saisi."
MESSAGE_COURANT = (
    "Ce mot de passe fait partie des mots de passe les plus courants, "
    "il serait trop facile à deviner. Veuillez en choisir un autre."
)
MESSAGE_TROP_LONG = "Le mot de passe ne doit pas dépasser 128 caractères."
MESSAGE_INVISIBLE = (
    "Le mot de passe ne doit contenir aucun caractère invisible ou de contrôle (espace insécable, "
    "caractère de largeur nulle, retour à la ligne…) : saisissez-le de nouveau au clavier."
)
MESSAGE_PERSONNEL = (
    "Le mot de passe ne doit contenir ni votre nom, ni votre prénom, ni votre N° étranger : "
    "ils sont faciles à trouver. Veuillez en choisir un autre."
)
MESSAGE_FAIBLE = "Ce mot de passe serait trop facile à deviner : {raison}. {conseil}"
CONSEIL = (
    "Choisissez plutôt plusieurs mots sans rapport entre eux, ou allongez-le "
    "(12 caractères ou plus) avec des caractères moins prévisibles."
)


class Faiblesse:
    """What the estimator found most guessable, each with its French explanation."""

    MOT_COURANT = "il repose sur un mot ou un prénom courant, à peine modifié"
    CLAVIER = "il suit des touches voisines du clavier (azerty, qwerty…)"
    SUITE = "il contient une suite facile à deviner (abc, 1234…)"
    REPETITION = "il répète les mêmes caractères"
    DATE = "il contient une date ou une année"
    PERSONNEL = "il contient une information qui vous concerne"
    AUTRE = "il est trop court ou trop simple"


@dataclass(frozen=True)
class Estimation:
    essais: float  # how many guesses an attacker who knows the usual patterns needs
    faiblesse: str  # one of `Faiblesse`: the most guessable part found


class EstimateurRobustesse(Protocol):
    def estimer(self, mot_de_passe: str, propres: list[str]) -> Estimation:
        """How hard `mot_de_passe` is to guess; `propres` are the applicant's own words."""
        ...


@dataclass(frozen=True)
class Demandeur:
    """What an applicant's password must not contain: names and N° étranger (from the register)."""

    noms: tuple[str, ...] = ()  # nom de naissance, nom d'usage, prénoms, as the register has them
    numero_etranger: str | None = None
    courriel: str | None = None  # given to the estimator only: a local part may be a name too

    def parties(self) -> set[str]:
        """Each part of the names of 3 letters or more, without accents, in lower case."""
        parties = set()
        for nom in self.noms:
            for mot in "".join(c if c.isalpha() else " " for c in sans_accents(nom)).split():
                if len(mot) >= PARTIE_MINIMALE:
                    parties.add(mot)
        return parties

    def mots_propres(self) -> list[str]:
        mots = sorted(self.parties())
        if self.numero_etranger:
            mots.append(self.numero_etranger)
        if self.courriel and "@" in self.courriel:
            mots.append(sans_accents(self.courriel.split("@", 1)[0]))
        return mots


def sans_accents(texte: str) -> str:
    """`Étranger` → `etranger`, `ß` → `ss`: the comparison ignores case and accents."""
    decompose = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def respecte_le_format(mot_de_passe: str) -> bool:
    return (
        len(mot_de_passe) >= LONGUEUR_MINIMALE
        and any(c.isupper() for c in mot_de_passe)
        and any(c.islower() for c in mot_de_passe)
        and any(c.isdigit() for c in mot_de_passe)
        and any(c in CARACTERES_SPECIAUX for c in mot_de_passe)
    )


def a_des_caracteres_invisibles(mot_de_passe: str) -> bool:
    """Controls (C0, C1), format characters (zero-width, bidi, soft hyphen), separators other than
    the plain space (no-break, thin, ideographic spaces; line breaks), private or unassigned code
    points: what one cannot see cannot be typed again on another keyboard."""
    return not mot_de_passe.isprintable()


def contient_le_demandeur(mot_de_passe: str, demandeur: Demandeur) -> bool:
    """Any part of the names (letters only: « J3an » still reads « jean »), or the N° étranger."""
    compare = sans_accents(mot_de_passe)
    lettres = "".join(c for c in compare.translate(_SANS_LEET) if c.isalpha())
    if any(partie in compare or partie in lettres for partie in demandeur.parties()):
        return True
    chiffres = "".join(c for c in mot_de_passe if c.isdigit())
    numero = demandeur.numero_etranger
    return bool(numero and numero in chiffres)


_SANS_LEET = str.maketrans({"@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s"})


@dataclass(frozen=True)
class PolitiqueMotDePasse:
    """Checks a new password; `courants` are lower-case common passwords and their base words."""

    courants: frozenset[str]
    estimateur: EstimateurRobustesse | None = None

    @classmethod
    def depuis_lignes(
        cls, lignes: Iterable[str], estimateur: EstimateurRobustesse | None = None
    ) -> PolitiqueMotDePasse:
        mots = (ligne.strip().lower() for ligne in lignes)
        return cls(frozenset(m for m in mots if m and not m.startswith("#")), estimateur)

    def verifier(self, mot_de_passe: str, confirmation: str, demandeur: Demandeur | None = None) -> None:
        """Raise `MotDePasseRefuse` with the message to show, or return when acceptable."""
        demandeur = demandeur or Demandeur()
        if len(mot_de_passe) > LONGUEUR_MAXIMALE:
            raise MotDePasseRefuse(MESSAGE_TROP_LONG)
        if a_des_caracteres_invisibles(mot_de_passe):
            raise MotDePasseRefuse(MESSAGE_INVISIBLE)
        if not respecte_le_format(mot_de_passe):
            raise MotDePasseRefuse(MESSAGE_FORMAT)
        if mot_de_passe != confirmation:
            raise MotDePasseRefuse(MESSAGE_DIFFERENTS)
        if contient_le_demandeur(mot_de_passe, demandeur):
            raise MotDePasseRefuse(MESSAGE_PERSONNEL)
        if self.est_courant(mot_de_passe):
            raise MotDePasseRefuse(MESSAGE_COURANT)
        if self.estimateur is not None:
            estimation = self.estimateur.estimer(mot_de_passe, demandeur.mots_propres())
            if estimation.essais < ESSAIS_MINIMAUX:
                raise MotDePasseRefuse(MESSAGE_FAIBLE.format(raison=estimation.faiblesse, conseil=CONSEIL))

    def est_courant(self, mot_de_passe: str) -> bool:
        """Common as typed, or a common word dressed up ("P@ssword1!", "Azerty123*", "Soleil2024!")."""
        return any(forme in self.courants for forme in formes_a_comparer(mot_de_passe))


def formes_a_comparer(mot_de_passe: str) -> set[str]:
    minuscules = mot_de_passe.lower()
    decor = "0123456789" + CARACTERES_SPECIAUX + ";:' "
    sans_decor = minuscules.strip(decor)
    lettres = "".join(c for c in sans_decor.translate(_SANS_LEET) if c.isalpha())
    formes = {minuscules, sans_decor, lettres}
    return {f for f in formes if len(f) >= 4}
