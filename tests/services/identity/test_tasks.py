"""`identity.enregistrer-titre`: the register learns of the card issued after a favourable decision."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from contracts.process import JobType
from services.identity.dependances import Dependances
from services.identity.domain.erreurs import Introuvable
from services.identity.storage.tables import outbox
from services.identity.tasks import build_task_router
from services.identity.usecases.fiches import fiche_de

pytestmark = pytest.mark.integration

DEMANDEUR_SEPT = {"nom": "ETRANGER", "prenoms": "Sept", "numeroEtranger": "5903007178"}


def tache(deps: Dependances) -> Any:
    [task] = [t for t in build_task_router(deps).tasks if t.type == JobType.IDENTITY_ENREGISTRER_TITRE]
    return task.original_function


def titre_en_cours_de_sept(deps: Dependances) -> Any:
    with deps.transactions() as d:
        compte = d.demandeurs.par_identifiant("5903007178")
        assert compte is not None
        return fiche_de(d, compte).titre_en_cours


def test_une_decision_favorable_inscrit_la_carte_pluriannuelle(deps: Dependances) -> None:
    # L'horloge des tests est au 2 mars 2026 : carte du 3 mars 2026 au 2 mars 2030.
    assert tache(deps)(dossierId="d-1", decision="favorable", demandeur=DEMANDEUR_SEPT) == {}
    titre = titre_en_cours_de_sept(deps)
    assert titre.type == "Carte de séjour pluriannuelle"
    assert titre.mention == "Vie privée et familiale"
    assert (titre.date_debut, titre.date_fin) == (date(2026, 3, 3), date(2030, 3, 2))
    assert titre.numero == "2600000001"
    with deps.transactions.factory() as session:
        [evenement] = session.execute(
            select(outbox).where(outbox.c.subject == "identity.titre.enregistre")
        ).mappings()
    assert evenement["payload"]["dossierId"] == "d-1"


def test_un_job_livre_deux_fois_n_inscrit_qu_un_titre(deps: Dependances) -> None:
    for _ in range(2):
        tache(deps)(dossierId="d-1", decision="favorable", demandeur=DEMANDEUR_SEPT)
    with deps.transactions() as d:
        sept = d.registre.personne_par_numero_etranger("5903007178")
        assert sept is not None
        assert len(d.registre.titres_de(sept.id)) == 2  # le titre de démonstration et la nouvelle carte


def test_le_titulaire_se_retrouve_aussi_par_son_compte(deps: Dependances) -> None:
    with deps.transactions() as d:
        compte = d.demandeurs.par_identifiant("6203007181")
    assert compte is not None
    tache(deps)(dossierId="d-2", decision="favorable", demandeur={}, demandeurId=compte.id)
    with deps.transactions() as d:
        assert d.registre.titre_du_dossier("d-2") is not None


def test_une_autre_decision_n_inscrit_rien(deps: Dependances) -> None:
    avant = titre_en_cours_de_sept(deps)
    tache(deps)(dossierId="d-1", decision="defavorable", demandeur=DEMANDEUR_SEPT)
    assert titre_en_cours_de_sept(deps) == avant


def test_un_titulaire_introuvable_fait_echouer_le_job(deps: Dependances) -> None:
    with pytest.raises(Introuvable):
        tache(deps)(dossierId="d-3", decision="favorable", demandeur={"numeroEtranger": "0000000000"})
    with deps.transactions() as d:
        assert d.registre.titre_du_dossier("d-3") is None
