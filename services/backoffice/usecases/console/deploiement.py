"""Deploying a changed model: bpmnlint with the Camunda 8.9 rules first, and no deployment on an error.

The engine keeps each deployment as a new version; running instances stay on the version they
started with, new ones take the latest.
"""

from __future__ import annotations

from dataclasses import dataclass

from plumbing.actors import Actor
from services.backoffice.domain.console.acces import exiger_console
from services.backoffice.domain.console.lint import TAILLE_MAX, Constat, ModeleRefuse, bloquants, refus
from services.backoffice.domain.console.modeles import Deploiement
from services.backoffice.domain.console.ports import Linter, Referentiel


@dataclass(frozen=True)
class Deploye:
    deploiement: Deploiement
    avertissements: list[Constat]


def nom_de_fichier(nom: str) -> str:
    """The resource name the engine records: a plain name ending in .bpmn."""
    nom = nom.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "modele.bpmn"
    return nom if nom.lower().endswith(".bpmn") else f"{nom}.bpmn"


async def verifier_modele(*, agent: Actor, contenu: bytes, linter: Linter) -> list[Constat]:
    """bpmnlint's findings, nothing deployed: `ModeleRefuse` (errors and warnings) on an error,
    else the warnings, which do not block."""
    exiger_console(agent)
    if not contenu.strip():
        raise refus("Le fichier est vide : choisissez un fichier .bpmn ou modifiez le modèle.")
    if len(contenu) > TAILLE_MAX:
        raise refus(f"Le modèle dépasse la taille maximale ({TAILLE_MAX // 1_000_000} Mo).")
    constats = await linter.verifier(contenu)
    if bloquants(constats):
        raise ModeleRefuse(constats)
    return constats


async def deployer_modele(
    *, agent: Actor, nom_fichier: str, contenu: bytes, linter: Linter, referentiel: Referentiel
) -> Deploye:
    avertissements = await verifier_modele(agent=agent, contenu=contenu, linter=linter)
    deploiement = await referentiel.deployer(nom_de_fichier(nom_fichier), contenu)
    return Deploye(deploiement, avertissements)


async def avertissements_du_deploye(
    *, agent: Actor, cle: str, linter: Linter, referentiel: Referentiel
) -> list[Constat]:
    """The warnings of a deployed version, shown after its deployment (they did not block it)."""
    exiger_console(agent)
    xml = await referentiel.xml(cle)
    if xml is None:
        return []
    try:
        return [c for c in await linter.verifier(xml.encode("utf-8")) if not c.bloquant]
    except ModeleRefuse:
        return []  # the linter could not run: the page says nothing rather than something wrong
