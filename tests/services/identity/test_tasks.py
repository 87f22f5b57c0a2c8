"""`identity.enregistrer-titre`: the register learns of the card issued after a favourable decision."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest
from pyzeebe import Job
from sqlalchemy import select

from contracts.process import JobType
from plumbing.job_failures import PermanentJobError
from services.identity.domain.erreurs import Introuvable
from services.identity.storage.tables import outbox
from services.identity.tasks import build_task_router
from services.identity.usecases.fiches import fiche_de
from services.identity.wiring import IdentityParts
from tests.services.identity.conftest import DEMANDEUR_SEPT

pytestmark = pytest.mark.integration


def tache(deps: IdentityParts) -> Callable[..., Awaitable[dict[str, Any]]]:
    """The registered handler, run on a job carrying these process variables."""
    [task] = [t for t in build_task_router(deps).tasks if t.type == JobType.IDENTITY_ENREGISTRER_TITRE]

    async def executer(**variables: Any) -> dict[str, Any]:
        variables.setdefault("numeroDemande", "5901202308180000190")
        variables.setdefault("dateDecision", "2026-03-02")
        job = Job(
            key=1,
            type=task.type,
            process_instance_key=2,
            bpmn_process_id="renouvellement",
            process_definition_version=1,
            process_definition_key=3,
            element_id="Task_EnregistrerTitre",
            element_instance_key=4,
            custom_headers={},
            worker="test",
            retries=3,
            deadline=0,
            variables=variables,
        )
        result: dict[str, Any] = await task.original_function(job)
        return result

    return executer


def titre_en_cours_de_sept(deps: IdentityParts) -> Any:
    with deps.unit_of_work.transaction() as d:
        compte = d.demandeurs.par_identifiant("5903007178")
        assert compte is not None
        return fiche_de(d, compte).titre_en_cours


async def test_une_decision_favorable_inscrit_la_carte_pluriannuelle(deps: IdentityParts) -> None:
    # L'horloge des tests est au 2 mars 2026 : carte du 3 mars 2026 au 2 mars 2030.
    assert await tache(deps)(dossierId="d-1", decision="favorable", demandeur=DEMANDEUR_SEPT) == {}
    titre = titre_en_cours_de_sept(deps)
    assert titre.type == "Carte de séjour pluriannuelle"
    assert titre.mention == "Vie privée et familiale"
    assert (titre.date_debut, titre.date_fin) == (date(2026, 3, 3), date(2030, 3, 2))
    assert titre.numero == "2600000001"
    with deps.unit_of_work.sessions() as session:
        [evenement] = session.execute(
            select(outbox).where(outbox.c.subject == "identity.titre.enregistre")
        ).mappings()
    assert evenement["payload"]["dossierId"] == "d-1"


async def test_la_carte_part_du_lendemain_de_la_decision_meme_si_le_job_tourne_plus_tard(
    deps: IdentityParts,
) -> None:
    """Validée le 20 février, inscrite le 2 mars (job rejoué) : carte du 21 février 2026 au 20 février 2030."""
    await tache(deps)(
        dossierId="d-1", decision="favorable", demandeur=DEMANDEUR_SEPT, dateDecision="2026-02-20"
    )
    titre = titre_en_cours_de_sept(deps)
    assert (titre.date_debut, titre.date_fin) == (date(2026, 2, 21), date(2030, 2, 20))


async def test_un_job_livre_deux_fois_n_inscrit_qu_un_titre(deps: IdentityParts) -> None:
    for _ in range(2):
        await tache(deps)(dossierId="d-1", decision="favorable", demandeur=DEMANDEUR_SEPT)
    with deps.unit_of_work.transaction() as d:
        sept = d.registre.personne_par_numero_etranger("5903007178")
        assert sept is not None
        assert len(d.registre.titres_de(sept.id)) == 2  # le titre de démonstration et la nouvelle carte


async def test_le_titulaire_se_retrouve_aussi_par_son_compte(deps: IdentityParts) -> None:
    with deps.unit_of_work.transaction() as d:
        compte = d.demandeurs.par_identifiant("6203007181")
    assert compte is not None
    sans_numero = {**DEMANDEUR_SEPT, "numeroEtranger": None}
    await tache(deps)(dossierId="d-2", decision="favorable", demandeur=sans_numero, demandeurId=compte.id)
    with deps.unit_of_work.transaction() as d:
        assert d.registre.titre_du_dossier("d-2") is not None


async def test_une_autre_decision_n_inscrit_rien(deps: IdentityParts) -> None:
    avant = titre_en_cours_de_sept(deps)
    await tache(deps)(dossierId="d-1", decision="defavorable", demandeur=DEMANDEUR_SEPT)
    assert titre_en_cours_de_sept(deps) == avant


async def test_un_titulaire_introuvable_fait_echouer_le_job(deps: IdentityParts) -> None:
    inconnu = {**DEMANDEUR_SEPT, "numeroEtranger": "0000000000"}
    with pytest.raises(Introuvable):
        await tache(deps)(dossierId="d-3", decision="favorable", demandeur=inconnu)
    with deps.unit_of_work.transaction() as d:
        assert d.registre.titre_du_dossier("d-3") is None


async def test_des_variables_invalides_font_un_incident_sans_dire_leur_valeur(deps: IdentityParts) -> None:
    with pytest.raises(PermanentJobError) as erreur:
        await tache(deps)(dossierId="d-4", decision="peut-etre", demandeur={"nom": "ETRANGER"})
    assert "decision" in str(erreur.value) and "demandeur.adresse" in str(erreur.value)
    assert "ETRANGER" not in str(erreur.value) and "peut-etre" not in str(erreur.value)
    with deps.unit_of_work.transaction() as d:
        assert d.registre.titre_du_dossier("d-4") is None


def test_le_job_ne_demande_que_ses_variables(deps: IdentityParts) -> None:
    [task] = [t for t in build_task_router(deps).tasks if t.type == JobType.IDENTITY_ENREGISTRER_TITRE]
    assert sorted(task.config.variables_to_fetch or []) == [
        "correlationId",
        "dateDecision",
        "decision",
        "demandeur",
        "demandeurId",
        "dossierId",
        "numeroDemande",
    ]
