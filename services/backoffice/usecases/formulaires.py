"""A task's form: opening it beside the dossier, and completing the task with a checked answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from contracts.process import Variable
from plumbing.actors import Actor
from services.backoffice.domain.formulaires import (
    Contexte,
    Formulaire,
    FormulaireNonPris,
    lire_formulaire,
    valeurs_initiales,
    valeurs_postees,
)
from services.backoffice.domain.instruction import TacheNonAssignee, variables_de_completion
from services.backoffice.domain.journal import resultat_de
from services.backoffice.domain.ports import Moteur
from services.backoffice.domain.taches import Tache
from services.backoffice.usecases.taches import tache_de_l_agent


@dataclass(frozen=True)
class TacheOuverte:
    """The task with its instance's variables and its form (`schema` as form-js reads it)."""

    tache: Tache
    variables: dict[str, Any]
    schema: dict[str, Any] | None
    formulaire: Formulaire | None

    def contexte(self, aujourdhui: date | None) -> Contexte:
        return Contexte(self.variables, aujourdhui)

    def valeurs_initiales(self, aujourdhui: date | None) -> dict[str, Any]:
        """The form's starting values beyond the variables (a date set to today by default)."""
        if self.formulaire is None:
            return {}
        return valeurs_initiales(self.formulaire, self.contexte(aujourdhui))


async def ouvrir(*, agent: Actor, cle: str, moteur: Moteur) -> TacheOuverte:
    """The task if the agent may see it (`TacheIntrouvable` otherwise), its variables and its form."""
    tache = await tache_de_l_agent(agent=agent, cle=cle, moteur=moteur)
    variables = await moteur.variables(tache.instance)
    schema = await moteur.formulaire(cle)
    return TacheOuverte(tache, variables, schema, lire_formulaire(schema) if schema else None)


@dataclass(frozen=True)
class TacheTerminee:
    """The completed task, its dossier and what the trail says of the answer."""

    tache: Tache
    dossier_id: str | None
    resultat: str | None


async def terminer(
    *,
    agent: Actor,
    cle: str,
    moteur: Moteur,
    donnees: dict[str, Any] | None = None,
    champs: dict[str, str] | None = None,
    aujourdhui: date | None = None,
) -> TacheTerminee:
    """Complete the task with the answer, once the server has checked it against the form.

    `donnees` is form-js's data; without JavaScript, `champs` are the plain form's fields. Only the
    assignee completes (`TacheNonAssignee`); the answer must fit the form (`FormulaireInvalide`);
    the examiner cannot validate their own decision (`ValideurEtExaminateur`); dates are checked
    against the instance's variables and `aujourdhui` (today in France)."""
    ouverte = await ouvrir(agent=agent, cle=cle, moteur=moteur)
    if ouverte.tache.assignee != agent.id:
        raise TacheNonAssignee(cle)
    if ouverte.formulaire is None:
        raise FormulaireNonPris("tâche sans formulaire")
    valeurs = donnees if donnees is not None else valeurs_postees(ouverte.formulaire, champs or {})
    reponse = ouverte.formulaire.valider(valeurs, ouverte.contexte(aujourdhui))
    formulaire_id = ouverte.formulaire.id
    await moteur.completer(cle, variables_de_completion(formulaire_id, agent.id, ouverte.variables, reponse))
    dossier_id = ouverte.variables.get(Variable.DOSSIER_ID.value)
    return TacheTerminee(
        ouverte.tache,
        dossier_id if isinstance(dossier_id, str) else None,
        resultat_de(ouverte.formulaire, reponse),
    )
