"""Shapes of the structured process variables, defined once for every service that reads them.

`demandeur` is written by `dossier.enregistrer` and read by the pdf, notifier and identity
workers; `delais` holds the deadlines a process owner may change, set once by the model;
`prefecture` is the candidate group of the instructing agents; `document` is the PDF that
`pdf.generer` produced; `piecesDemandees` is what the agent's examination form asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, PlainSerializer, StringConstraints, model_validator

from contracts.base import ContractModel

Texte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
PREFIXE_GROUPE_PREFECTURE = "prefecture-"


class Demandeur(ContractModel):
    """The `demandeur` variable: the applicant as the register knows them at the deposit."""

    nom: Texte
    nom_usage: Texte | None = None
    prenoms: Texte
    sexe: Literal["F", "M"] | None = None
    date_naissance: date
    pays_naissance: Texte | None = None
    lieu_naissance: Texte
    nationalite: Texte
    numero_etranger: Texte | None = None
    courriel: Texte | None = None
    adresse: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]

    @property
    def identifiant(self) -> str:
        """The login identifier: the N° étranger, or the e-mail when there is none."""
        return self.numero_etranger or self.courriel or ""


class MotifComplement(StrEnum):
    """Why the agent asks for a document again (the `motif` of a line of `piecesDemandees`)."""

    ILLISIBLE = "illisible"
    MANQUANT = "manquant"
    PERIME = "perime"
    INCOMPLET = "incomplet"
    AUTRE = "autre"  # the agent says which in `precisionMotif`


class PieceDemandee(ContractModel):
    """One line of `piecesDemandees`: a piece code of the catalogue, why it is asked for, and the
    agent's observation. Instances started before the reason existed read as « illisible », the one
    sentence the notification used to print."""

    piece: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    motif: MotifComplement = MotifComplement.ILLISIBLE
    precision_motif: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    observation: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""

    @model_validator(mode="after")
    def _precision_de_l_autre_motif(self) -> PieceDemandee:
        if self.motif is MotifComplement.AUTRE and not self.precision_motif:
            raise ValueError("motif « autre » : precisionMotif est attendu")
        if self.motif is not MotifComplement.AUTRE:
            self.precision_motif = None
        return self


class DocumentProduit(ContractModel):
    """The `document` variable: a PDF generated and stored by the documents service."""

    id: str
    modele: str
    nom_fichier: str


def groupe_prefecture(departement: str) -> str:
    """« 59 » → « prefecture-59 », the candidate group of that préfecture's agents."""
    return f"{PREFIXE_GROUPE_PREFECTURE}{departement}"


def departement_du_groupe(valeur: str) -> str:
    """« prefecture-59 » (or « 59 ») → « 59 »."""
    return valeur.strip().removeprefix(PREFIXE_GROUPE_PREFECTURE)


DUREE_ISO = re.compile(
    r"^P(?:(?P<annees>\d+)Y)?(?:(?P<mois>\d+)M)?(?:(?P<semaines>\d+)W)?(?:(?P<jours>\d+)D)?$"
)


@dataclass(frozen=True)
class Duree:
    """A calendar duration of the procedure (`P30D`, `P3M`, `P1Y`), as the model's `delais` gives it."""

    annees: int = 0
    mois: int = 0
    jours: int = 0

    @classmethod
    def iso(cls, texte: str) -> Duree:
        """`P30D` → 30 days; ValueError for anything but years, months, weeks and days."""
        trouve = DUREE_ISO.match(texte.strip()) if texte else None
        if trouve is None or texte.strip() == "P":
            raise ValueError("durée ISO 8601 attendue, en années, mois, semaines ou jours (ex. P30D)")
        valeurs = {k: int(v) for k, v in trouve.groupdict().items() if v}
        jours = valeurs.get("jours", 0) + 7 * valeurs.get("semaines", 0)
        return cls(valeurs.get("annees", 0), valeurs.get("mois", 0), jours)

    @property
    def en_mois(self) -> int:
        return self.annees * 12 + self.mois

    def apres(self, jour: date) -> date:
        """The day this duration after `jour` (months at the same day, or the month's last)."""
        mois = jour.month - 1 + self.en_mois
        annee, mois = jour.year + mois // 12, mois % 12 + 1
        suivant = date(annee + (mois == 12), mois % 12 + 1, 1)
        dernier = (suivant - timedelta(days=1)).day
        return date(annee, mois, min(jour.day, dernier)) + timedelta(days=self.jours)

    def en_toutes_lettres(self) -> str:
        """« 30 jours », « 3 mois », « 1 an et 2 mois »: how the notifications and PDFs state it."""
        parties = []
        if self.annees:
            parties.append(f"{self.annees} an" + ("s" if self.annees > 1 else ""))
        if self.mois:
            parties.append(f"{self.mois} mois")
        if self.jours:
            parties.append(f"{self.jours} jour" + ("s" if self.jours > 1 else ""))
        return " et ".join(parties) or "0 jour"


def _duree(valeur: object) -> object:
    return Duree.iso(valeur) if isinstance(valeur, str) else valeur


def _iso(duree: Duree) -> str:
    texte = "P" + (f"{duree.annees}Y" if duree.annees else "") + (f"{duree.mois}M" if duree.mois else "")
    return texte + (f"{duree.jours}D" if duree.jours or texte == "P" else "")


DureeProcedure = Annotated[Duree, BeforeValidator(_duree), PlainSerializer(_iso, return_type=str)]


class Delais(ContractModel):
    """The `delais` variable: the deadlines of the procedure, set once at the start of the model
    (task « Fixer les délais de la procédure »), read by its timers, notifications and PDFs."""

    reponse_complements: DureeProcedure
    notification_reputee_lue: DureeProcedure
    validite_prolongation: DureeProcedure
    alerte_rejet_implicite: DureeProcedure
