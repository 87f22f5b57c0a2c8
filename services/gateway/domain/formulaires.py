"""What the applicant types, checked before anything is sent: dates in three fields, e-mails
typed twice, the guide's password format. The services check again; these checks only give the
applicant an answer tied to the field at fault."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CARACTERES_SPECIAUX = '!"#$%&()*+,-./=>?@_'  # the union of the guide's two screens
FORMAT_MOT_DE_PASSE = (
    "Format attendu : au moins 8 caractères, une majuscule, une minuscule, "
    'un caractère spécial !"#$%&()*+,-./=>?@_ et un chiffre.'
)
MOT_DE_PASSE_INVISIBLE = (  # identity's words (its rule is the one that counts)
    "Le mot de passe ne doit contenir aucun caractère invisible ou de contrôle (espace insécable, "
    "caractère de largeur nulle, retour à la ligne…) : saisissez-le de nouveau au clavier."
)
CRITERES_MOT_DE_PASSE = {
    "longueur": "au moins 8 caractères",
    "majuscule": "une majuscule",
    "minuscule": "une minuscule",
    "special": "un caractère spécial",
    "chiffre": "un chiffre",
}
MAX_NUMERO_TITRE = 30


@dataclass
class Erreurs:
    """Messages by field name, plus one for the whole form; empty means the form is fine."""

    champs: dict[str, str] = field(default_factory=dict)
    formulaire: str | None = None

    def __bool__(self) -> bool:
        return bool(self.champs or self.formulaire)

    def ajouter(self, champ: str, message: str) -> None:
        self.champs.setdefault(champ, message)


def lire_date(jour: str, mois: str, annee: str) -> date | None:
    """A date typed as « Jour / Mois / Année », or None if it is not a real date."""
    try:
        j, m, a = int(jour.strip()), int(mois.strip()), int(annee.strip())
        return date(a, m, j) if 1900 <= a <= 2200 else None
    except ValueError:
        return None


@dataclass(frozen=True)
class TitreSaisi:
    """The visa or title that proves who is creating the account (first screen of the guide)."""

    numero: str
    debut: date
    fin: date


def verifier_titre(valeurs: dict[str, str], erreurs: Erreurs) -> TitreSaisi | None:
    numero = valeurs.get("numero_titre", "").strip().replace(" ", "")
    if not numero:
        erreurs.ajouter("numero_titre", "Saisissez le N° de votre visa ou de votre titre de séjour.")
    elif not numero.isalnum() or len(numero) > MAX_NUMERO_TITRE:
        erreurs.ajouter("numero_titre", "Le numéro ne contient que des chiffres et des lettres, sans espace.")
    dates = {}
    for nom, libelle in (("debut", "de début"), ("fin", "de fin")):
        jour, mois, annee = (valeurs.get(f"{nom}_{partie}", "") for partie in ("jour", "mois", "annee"))
        dates[nom] = lire_date(jour, mois, annee)
        if dates[nom] is None:
            erreurs.ajouter(nom, f"Saisissez une date {libelle} de validité réelle, par exemple 27 3 2024.")
    debut, fin = dates["debut"], dates["fin"]
    if debut and fin and fin <= debut:
        erreurs.ajouter("fin", "La date de fin de validité doit être postérieure à la date de début.")
    if erreurs or debut is None or fin is None:
        return None
    return TitreSaisi(numero, debut, fin)


def verifier_courriels(courriel: str, confirmation: str, erreurs: Erreurs) -> None:
    courriel, confirmation = courriel.strip(), confirmation.strip()
    if not courriel:
        erreurs.ajouter("courriel", "Saisissez votre adresse email.")
    elif "@" not in courriel.strip("@") or len(courriel) > 254:
        erreurs.ajouter("courriel", "Saisissez une adresse email valide, par exemple nom@exemple.fr.")
    if courriel and confirmation.lower() != courriel.lower():
        erreurs.ajouter("confirmation_courriel", "Les deux adresses email saisies sont différentes.")


def criteres_remplis(mot_de_passe: str) -> dict[str, bool]:
    """Each criterion of the guide's format, met or not (the page shows them one by one)."""
    return {
        "longueur": len(mot_de_passe) >= 8,
        "majuscule": any(c.isupper() for c in mot_de_passe),
        "minuscule": any(c.islower() for c in mot_de_passe),
        "special": any(c in CARACTERES_SPECIAUX for c in mot_de_passe),
        "chiffre": any(c.isdigit() for c in mot_de_passe),
    }


def verifier_mot_de_passe(mot_de_passe: str, confirmation: str, erreurs: Erreurs) -> None:
    if not all(criteres_remplis(mot_de_passe).values()):
        erreurs.ajouter("mot_de_passe", FORMAT_MOT_DE_PASSE)
    elif not mot_de_passe.isprintable():
        erreurs.ajouter("mot_de_passe", MOT_DE_PASSE_INVISIBLE)
    if mot_de_passe != confirmation:
        erreurs.ajouter(
            "confirmation_mot_de_passe",
            "La confirmation du mot de passe ne correspond pas au mot de passe saisi.",
        )
