"""A Camunda Form (bpmn/forms/*.form) as the server reads it: its fields, and what a valid answer is.

form-js renders the form in the browser; the server never trusts it. Whatever is posted (form-js's
data, or the plain HTML form of a browser without JavaScript) is checked here against the form's
own schema: known keys only, values among the offered ones, required fields filled, lengths
bounded, dates within their bounds. The subset read is what the process's forms use: radio,
select, textarea, textfield, checkbox, a date (`datetime` of subtype `date`), a dynamic list of
those, and conditions of the form `=<clé> != "<valeur>"` (inside a list
item, `=this.<clé> != "<valeur>"`: a field of the same item, as form-js reads `this`).

A date's bounds are custom properties of the field (Camunda Modeler: « Custom properties »; form-js
itself only bounds numbers, and refuses `validate.min` on a date), `dateMin` and `dateMax`, each
one of: an ISO date (`2023-08-18`), `=today()` (today in France), or `=<variable>` (a process
variable holding a date or a date-time, taken as its day in France), e.g. `"dateMin": "=dateDepot",
"dateMax": "=today()"`. A date whose custom property `parDefaut` is `aujourdhui` starts at today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from plumbing.clock import day_in_france

AFFICHAGE = {"text", "spacer", "separator", "image", "html"}
SAISIES = {"radio", "select", "textarea", "textfield", "checkbox", "datetime"}
LONGUEUR_PAR_DEFAUT = 5000
MAX_ELEMENTS = 50
_CACHER_SAUF = re.compile(r'^=\s*(?:this\.)?([A-Za-z_][\w]*)\s*!=\s*"([^"]*)"\s*$')
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VARIABLE = re.compile(r"^=\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*$")
_AUJOURDHUI = re.compile(r"^=\s*today\(\s*\)\s*$")
PAR_DEFAUT_AUJOURDHUI = "aujourdhui"


class FormulaireNonPris(Exception):
    """The form uses a component or a condition this server cannot check: it is not served."""


class FormulaireInvalide(Exception):
    """The answer does not fit the form: a French message for each field (its HTML name)."""

    def __init__(self, erreurs: dict[str, str], valeurs: dict[str, Any]) -> None:
        super().__init__(", ".join(sorted(erreurs)))
        self.erreurs, self.valeurs = erreurs, valeurs


@dataclass(frozen=True)
class Contexte:
    """What a date's bounds are evaluated against: the instance's variables and today in France."""

    variables: dict[str, Any] = field(default_factory=dict)
    aujourdhui: date | None = None


@dataclass(frozen=True)
class Borne:
    """A date's bound: a fixed date, today, or a process variable (its day in France)."""

    jour: date | None = None
    variable: str | None = None  # a dotted path in the variables
    aujourdhui: bool = False

    def evaluer(self, contexte: Contexte) -> date | None:
        """The bound's day, or None when it cannot be known (then it does not apply)."""
        if self.jour is not None:
            return self.jour
        if self.aujourdhui:
            return contexte.aujourdhui
        valeur: Any = contexte.variables
        for partie in (self.variable or "").split("."):
            valeur = valeur.get(partie) if isinstance(valeur, dict) else None
        return jour_de(valeur) if isinstance(valeur, str) else None


def jour_de(texte: str) -> date | None:
    """`2023-08-18` or an ISO date-time (its day in France); None when it is neither."""
    try:
        if _DATE_ISO.match(texte):
            return date.fromisoformat(texte)
        return day_in_france(datetime.fromisoformat(texte.replace("Z", "+00:00")))
    except ValueError:
        return None


@dataclass(frozen=True)
class Condition:
    """Shown only when the field `cle` has the value `valeur` (form-js: hide when it differs)."""

    cle: str
    valeur: str

    def visible(self, valeurs: dict[str, Any]) -> bool:
        return valeurs.get(self.cle) == self.valeur


@dataclass(frozen=True)
class Option:
    valeur: str
    libelle: str


@dataclass(frozen=True)
class Champ:
    cle: str
    type: str
    libelle: str
    description: str | None = None
    options: tuple[Option, ...] = ()
    requis: bool = False
    longueur_max: int = LONGUEUR_PAR_DEFAUT
    condition: Condition | None = None
    date_min: Borne | None = None
    date_max: Borne | None = None
    aujourdhui_par_defaut: bool = False

    def erreur(self, valeur: Any, contexte: Contexte | None = None) -> str | None:
        """Why this value does not fit the field, or None."""
        if valeur is None or valeur == "":
            return "Ce champ est obligatoire." if self.requis else None
        if self.type == "checkbox":
            return None if isinstance(valeur, bool) else "Valeur non reconnue."
        if not isinstance(valeur, str):
            return "Valeur non reconnue."
        if self.type == "datetime":
            return self._erreur_date(valeur, contexte or Contexte())
        if self.options and valeur not in {o.valeur for o in self.options}:
            return "Choisissez une des valeurs proposées."
        if len(valeur) > self.longueur_max:
            return f"{self.longueur_max} caractères au plus."
        return None

    def _erreur_date(self, valeur: str, contexte: Contexte) -> str | None:
        if not _DATE_ISO.match(valeur) or (jour := jour_de(valeur)) is None:
            return "Saisissez une date valide (jour, mois, année)."
        plus_tot = self.date_min.evaluer(contexte) if self.date_min else None
        plus_tard = self.date_max.evaluer(contexte) if self.date_max else None
        if plus_tot is not None and jour < plus_tot:
            return f"La date ne peut pas être antérieure au {plus_tot:%d/%m/%Y}."
        if plus_tard is not None and jour > plus_tard:
            return f"La date ne peut pas être postérieure au {plus_tard:%d/%m/%Y}."
        return None


@dataclass(frozen=True)
class Liste:
    """A dynamic list (e.g. the requested pieces): items of the same fields, at least one when shown."""

    chemin: str
    libelle: str
    champs: tuple[Champ, ...]
    condition: Condition | None = None

    @property
    def cle(self) -> str:
        return self.chemin


Element = Champ | Liste


@dataclass(frozen=True)
class Formulaire:
    id: str
    elements: tuple[Element, ...]

    def valider(self, valeurs: dict[str, Any], contexte: Contexte | None = None) -> dict[str, Any]:
        """The variables to complete the task with, or `FormulaireInvalide`.

        Fields hidden by their condition are left out, as form-js leaves them out of its data;
        dates are checked against their bounds in `contexte` (the instance's variables, today)."""
        connues = {e.cle for e in self.elements}
        erreurs = {cle: "Champ inconnu." for cle in valeurs if cle not in connues}
        resultat: dict[str, Any] = {}
        for element in self.elements:
            if element.condition is not None and not element.condition.visible(valeurs):
                continue
            valeur = valeurs.get(element.cle)
            if isinstance(element, Liste):
                erreurs.update(_erreurs_liste(element, valeur, contexte))
            elif (erreur := element.erreur(valeur, contexte)) is not None:
                erreurs[element.cle] = erreur
            if valeur is not None and valeur != "":
                resultat[element.cle] = valeur
        if erreurs:
            raise FormulaireInvalide(erreurs, valeurs)
        return resultat


def nom_dans_liste(liste: Liste, index: int, champ: Champ) -> str:
    """The HTML name of a list item's field, e.g. `piecesDemandees.0.piece`."""
    return f"{liste.chemin}.{index}.{champ.cle}"


def valeurs_postees(formulaire: Formulaire, champs: dict[str, str]) -> dict[str, Any]:
    """The answer of the plain HTML form (no JavaScript), shaped as form-js would send it.

    Empty fields are absent; a list item whose fields are all empty is dropped (the page offers
    more blank rows than needed); any other posted name is kept, so that it is refused."""
    valeurs: dict[str, Any] = {}
    vus: set[str] = set()
    for element in formulaire.elements:
        if isinstance(element, Liste):
            items = []
            for index in range(MAX_ELEMENTS):
                noms = {c.cle: nom_dans_liste(element, index, c) for c in element.champs}
                vus.update(noms.values())
                item = {cle: champs[nom].strip() for cle, nom in noms.items() if champs.get(nom, "").strip()}
                if item:
                    items.append(item)
            if items:
                valeurs[element.cle] = items
        else:
            vus.add(element.cle)
            if element.type == "checkbox":
                valeurs[element.cle] = element.cle in champs
            elif texte := champs.get(element.cle, "").strip():
                valeurs[element.cle] = texte
    valeurs.update({nom: texte for nom, texte in champs.items() if nom not in vus})
    return valeurs


def valeurs_initiales(formulaire: Formulaire, contexte: Contexte) -> dict[str, Any]:
    """What the form starts with beyond the variables: today for a date set to it by default."""
    return {
        champ.cle: contexte.aujourdhui.isoformat()
        for champ in formulaire.elements
        if isinstance(champ, Champ) and champ.aujourdhui_par_defaut and contexte.aujourdhui is not None
        if contexte.variables.get(champ.cle) in (None, "")
    }


def _erreurs_liste(liste: Liste, valeur: Any, contexte: Contexte | None = None) -> dict[str, str]:
    if not isinstance(valeur, list) or not valeur:
        return {liste.chemin: "Ajoutez au moins un élément."}
    if len(valeur) > MAX_ELEMENTS:
        return {liste.chemin: f"{MAX_ELEMENTS} éléments au plus."}
    erreurs: dict[str, str] = {}
    for index, item in enumerate(valeur):
        if not isinstance(item, dict) or set(item) - {c.cle for c in liste.champs}:
            erreurs[f"{liste.chemin}.{index}"] = "Élément non reconnu."
            continue
        for champ in liste.champs:
            if champ.condition is not None and not champ.condition.visible(item):
                item.pop(champ.cle, None)  # hidden in its item: form-js leaves it out too
                continue
            if (erreur := champ.erreur(item.get(champ.cle), contexte)) is not None:
                erreurs[nom_dans_liste(liste, index, champ)] = erreur
    return erreurs


def lire_formulaire(schema: dict[str, Any]) -> Formulaire:
    """The form's fields from its schema; `FormulaireNonPris` for what cannot be checked here."""
    return Formulaire(str(schema.get("id", "")), tuple(_elements(schema.get("components", []), liste=True)))


def _elements(composants: list[dict[str, Any]], *, liste: bool) -> list[Element]:
    elements: list[Element] = []
    for composant in composants:
        genre = composant.get("type")
        if genre in AFFICHAGE:
            continue
        if genre == "dynamiclist" and liste:
            champs = [e for e in _elements(composant.get("components", []), liste=False)]
            elements.append(
                Liste(
                    chemin=str(composant["path"]),
                    libelle=str(composant.get("label", "")),
                    champs=tuple(c for c in champs if isinstance(c, Champ)),
                    condition=_condition(composant),
                )
            )
        elif genre in SAISIES and "key" in composant:
            elements.append(_champ(composant))
        else:
            raise FormulaireNonPris(f"composant {genre!r} non pris en charge")
    return elements


def _champ(composant: dict[str, Any]) -> Champ:
    validation = composant.get("validate") or {}
    genre = str(composant["type"])
    proprietes = composant.get("properties") or {}
    date_min = date_max = None
    if genre == "datetime":
        if composant.get("subtype", "date") != "date":
            raise FormulaireNonPris("seules les dates (sous-type « date ») sont prises en charge")
        date_min, date_max = _borne(proprietes.get("dateMin")), _borne(proprietes.get("dateMax"))
    libelle = composant.get("dateLabel") if genre == "datetime" else None
    return Champ(
        cle=str(composant["key"]),
        type=genre,
        libelle=str(libelle or composant.get("label", composant["key"])),
        description=composant.get("description"),
        options=tuple(Option(str(v["value"]), str(v["label"])) for v in composant.get("values", [])),
        requis=bool(validation.get("required", False)),
        longueur_max=int(validation.get("maxLength", LONGUEUR_PAR_DEFAUT)),
        condition=_condition(composant),
        date_min=date_min,
        date_max=date_max,
        aujourdhui_par_defaut=proprietes.get("parDefaut") == PAR_DEFAUT_AUJOURDHUI,
    )


def _borne(expression: Any) -> Borne | None:
    """A date bound of the schema (see the module's docstring); `FormulaireNonPris` for any other."""
    if expression is None:
        return None
    texte = str(expression).strip()
    if _DATE_ISO.match(texte) and (jour := jour_de(texte)) is not None:
        return Borne(jour=jour)
    if _AUJOURDHUI.match(texte):
        return Borne(aujourdhui=True)
    if trouve := _VARIABLE.match(texte):
        return Borne(variable=trouve.group(1))
    raise FormulaireNonPris(f"borne de date {texte!r} non prise en charge")


def _condition(composant: dict[str, Any]) -> Condition | None:
    cacher = (composant.get("conditional") or {}).get("hide")
    if cacher is None:
        return None
    trouve = _CACHER_SAUF.match(str(cacher))
    if trouve is None:
        raise FormulaireNonPris(f"condition {cacher!r} non prise en charge")
    return Condition(trouve.group(1), trouve.group(2))
