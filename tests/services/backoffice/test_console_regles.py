"""The console's rules without I/O: the instance filters, bpmnlint's findings in French, linked forms."""

from __future__ import annotations

from datetime import date

import pytest

from plumbing.actors import Actor
from services.backoffice.domain.console.acces import AccesConsoleRefuse, exiger_console, peut_administrer
from services.backoffice.domain.console.filtres import PAR_PAGE, lire_filtre
from services.backoffice.domain.console.formulaires import formulaires_lies
from services.backoffice.domain.console.lint import Constat, bloquants
from services.backoffice.usecases.console.deploiement import nom_de_fichier
from tests.services.backoffice.processus import REPO

pytestmark = pytest.mark.unit


def test_only_process_owners_and_admins_may_use_the_console() -> None:
    assert peut_administrer(Actor("agent", "a", roles=frozenset({"responsable-processus"})))
    assert peut_administrer(Actor("agent", "b", frozenset({"59"}), frozenset({"admin"})))
    for acteur in (
        Actor("agent", "c", frozenset({"59"}), frozenset({"instructeur", "valideur"})),
        Actor("demandeur", "d", roles=frozenset({"admin"})),
        Actor("service", "backoffice"),
    ):
        with pytest.raises(AccesConsoleRefuse):
            exiger_console(acteur)


def test_the_filters_become_camundas_search_and_bad_values_are_explained() -> None:
    filtre = lire_filtre(
        {
            "processus": "p",
            "version": "2",
            "etat": "ACTIVE",
            "incident": "oui",
            "du": "2026-12-01",
            "page": "3",
        }
    )
    recherche = filtre.recherche()
    assert recherche["filter"] == {
        "processDefinitionId": "p",
        "processDefinitionVersion": 2,
        "state": "ACTIVE",
        "hasIncident": True,
        "startDate": {"$gte": "2026-12-01T00:00:00+01:00"},  # midnight in France
    }
    assert recherche["page"] == {"from": 2 * PAR_PAGE, "limit": PAR_PAGE}
    assert filtre.parametres(page=4)["page"] == "4" and "page" not in filtre.parametres(page=1)
    mauvais = lire_filtre(
        {"version": "deux", "etat": "PERDU", "du": "31/12/2026", "au": "2026-01-01", "page": "-1"}
    )
    assert mauvais.version is None and mauvais.etat == "" and mauvais.du is None and mauvais.page == 1
    assert set(mauvais.erreurs) == {"version", "du"}
    inverse = lire_filtre({"du": "2026-12-02", "au": "2026-12-01"})
    assert inverse.au is None and "postérieure" in inverse.erreurs["au"] and inverse.du == date(2026, 12, 2)
    assert lire_filtre({"au": "2026-07-14"}).recherche()["filter"]["startDate"] == {
        "$lt": "2026-07-15T00:00:00+02:00"
    }


def test_findings_read_in_french_and_only_errors_block() -> None:
    erreur = Constat(
        "error", "Task_X", "camunda-compat/implementation", "Element of type <bpmn:ServiceTask> ..."
    )
    avertissement = Constat("warn", None, "camunda-compat/history-time-to-live", "Process should have ...")
    lecture = Constat("error", None, "import", "unparsable content")
    assert erreur.en_francais.startswith("Élément « Task_X » : Element of type")
    assert "(erreur, règle camunda-compat/implementation)" in erreur.en_francais
    assert avertissement.en_francais.startswith("Modèle : ") and "avertissement" in avertissement.en_francais
    assert lecture.en_francais.startswith("Lecture impossible du fichier : le XML n'est pas un modèle BPMN")
    assert bloquants([erreur, avertissement, lecture]) == [erreur, lecture]


def test_the_linked_forms_are_read_from_the_model() -> None:
    xml = (REPO / "bpmn" / "renouvellement-titre-sejour-ase.bpmn").read_text(encoding="utf-8")
    lies = {f.tache_id: f.formulaire_id for f in formulaires_lies(xml)}
    assert lies["UserTask_ExaminerDemande"] == "examen-demande"
    assert lies["UserTask_ValiderDecision"] == "validation-decision"
    assert formulaires_lies("<pas du xml") == []


def test_resource_names_are_plain_bpmn_file_names() -> None:
    assert nom_de_fichier("C:\\modeles\\processus.bpmn") == "processus.bpmn"
    assert nom_de_fichier("../../etc/passwd") == "passwd.bpmn"
    assert nom_de_fichier("") == "modele.bpmn"
