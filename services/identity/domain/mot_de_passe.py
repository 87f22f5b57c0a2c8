"""The seed's password rule, plus a refusal of the passwords everybody tries first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from services.identity.domain.erreurs import MotDePasseRefuse

CARACTERES_SPECIAUX = '!"#$%&()*-./=>?@_'
LONGUEUR_MINIMALE = 8
LONGUEUR_MAXIMALE = 128  # argon2 hashes anything, but a megabyte "password" is an attack

MESSAGE_FORMAT = (
    "Format attendu : au moins 8 caractères, une majuscule, une minuscule, "
    'un caractère spécial !"#$%&()*-./=>?@_ et un chiffre.'
)
MESSAGE_DIFFERENTS = "La confirmation du mot de passe ne correspond pas au mot de passe saisi."
MESSAGE_COURANT = (
    "Ce mot de passe fait partie des mots de passe les plus courants, "
    "il serait trop facile à deviner. Veuillez en choisir un autre."
)
MESSAGE_TROP_LONG = "Le mot de passe ne doit pas dépasser 128 caractères."

_SANS_LEET = str.maketrans({"@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s"})


def respecte_le_format(mot_de_passe: str) -> bool:
    return (
        len(mot_de_passe) >= LONGUEUR_MINIMALE
        and any(c.isupper() for c in mot_de_passe)
        and any(c.islower() for c in mot_de_passe)
        and any(c.isdigit() for c in mot_de_passe)
        and any(c in CARACTERES_SPECIAUX for c in mot_de_passe)
    )


@dataclass(frozen=True)
class PolitiqueMotDePasse:
    """Checks a new password; `courants` are lower-case common passwords and their base words."""

    courants: frozenset[str]

    @classmethod
    def depuis_lignes(cls, lignes: Iterable[str]) -> PolitiqueMotDePasse:
        mots = (ligne.strip().lower() for ligne in lignes)
        return cls(frozenset(m for m in mots if m and not m.startswith("#")))

    def verifier(self, mot_de_passe: str, confirmation: str) -> None:
        """Raise `MotDePasseRefuse` with the message to show, or return when acceptable."""
        if len(mot_de_passe) > LONGUEUR_MAXIMALE:
            raise MotDePasseRefuse(MESSAGE_TROP_LONG)
        if not respecte_le_format(mot_de_passe):
            raise MotDePasseRefuse(MESSAGE_FORMAT)
        if mot_de_passe != confirmation:
            raise MotDePasseRefuse(MESSAGE_DIFFERENTS)
        if self.est_courant(mot_de_passe):
            raise MotDePasseRefuse(MESSAGE_COURANT)

    def est_courant(self, mot_de_passe: str) -> bool:
        """Common as typed, or a common word dressed up ("P@ssword1!", "Azerty123*", "Soleil2024!")."""
        return any(forme in self.courants for forme in formes_a_comparer(mot_de_passe))


def formes_a_comparer(mot_de_passe: str) -> set[str]:
    minuscules = mot_de_passe.lower()
    decor = "0123456789" + CARACTERES_SPECIAUX + "+,;:' "
    sans_decor = minuscules.strip(decor)
    lettres = "".join(c for c in sans_decor.translate(_SANS_LEET) if c.isalpha())
    formes = {minuscules, sans_decor, lettres}
    return {f for f in formes if len(f) >= 4}
