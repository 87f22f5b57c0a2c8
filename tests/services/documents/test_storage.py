"""The whole life of a dossier's documents on SQLite and PostgreSQL: draft, deposit, complement, PDFs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from contracts.documents import Cas, PieceCode, StatutFichier
from contracts.process import Modele
from services.documents.domain.catalogue import Situation
from services.documents.domain.erreurs import Conflit
from services.documents.usecases.contenus import FichierRecu
from services.documents.usecases.dossiers import Proprietaire
from services.documents.usecases.scellement import sceller
from services.documents.wiring import DocumentsParts, build_parts
from tests.services.documents import echantillons
from tests.services.documents.conftest import (
    DEMANDEUR,
    DOSSIER_SERVICE,
    PDF_SERVICE,
    documents_settings,
    migrer,
)

pytestmark = pytest.mark.integration

NATIONALITE = PieceCode.JUSTIFICATIF_NATIONALITE
PROPRIETAIRE = Proprietaire(prefecture="59")


@pytest.fixture
def services(database_url: str, tmp_path: Path) -> Iterator[DocumentsParts]:
    deps = build_parts(documents_settings(migrer(database_url), tmp_path))
    yield deps
    deps.engine.dispose()


async def test_brouillon_depot_complement_et_documents_generes(services: DocumentsParts) -> None:
    justificatifs, complements, generes = services.justificatifs, services.complements, services.generes
    scan = FichierRecu("234.PNG", echantillons.png())
    (ancien,) = await justificatifs.joindre(
        acteur=DEMANDEUR, dossier_id="dos-1", piece=NATIONALITE, fichiers=[scan], proprietaire=PROPRIETAIRE
    )
    await justificatifs.definir_ephoto(
        acteur=DEMANDEUR, dossier_id="dos-1", numero="1" * 22, proprietaire=PROPRIETAIRE
    )
    manquantes = await justificatifs.verifier(
        acteur=DEMANDEUR, dossier_id="dos-1", situation=Situation(Cas.MAJEUR)
    )
    assert PieceCode.PHOTOGRAPHIE_IDENTITE not in [code for code, _ in manquantes]

    assert (
        await sceller(transactions=services.transactions, dossier_id="dos-1", prefecture="prefecture-59") == 1
    )
    assert await sceller(transactions=services.transactions, dossier_id="dos-1") == 1
    with pytest.raises(Conflit):
        await justificatifs.retirer(acteur=DEMANDEUR, dossier_id="dos-1", fichier_id=ancien.id)

    await complements.ouvrir_ronde(acteur=DOSSIER_SERVICE, dossier_id="dos-1", ronde=1, pieces=[NATIONALITE])
    lisible = [
        FichierRecu("6657.PNG", echantillons.png("blue")),
        FichierRecu("verso.pdf", echantillons.pdf()),
    ]
    nouveaux = await complements.remplacer(
        acteur=DEMANDEUR, dossier_id="dos-1", piece=NATIONALITE, fichiers=lisible
    )
    assert [(f.version, f.ronde) for f in nouveaux] == [(2, 1), (2, 1)]
    assert await sceller(transactions=services.transactions, dossier_id="dos-1") == 2

    dossier, fichiers = await justificatifs.consulter(acteur=DEMANDEUR, dossier_id="dos-1")
    assert dossier.prefecture == "59" and dossier.ronde_ouverte is None
    assert [(f.nom_fichier, f.statut) for f in fichiers] == [
        ("234.PNG", StatutFichier.REMPLACE),
        ("6657.PNG", StatutFichier.SCELLE),
        ("verso.pdf", StatutFichier.SCELLE),
    ]

    pdf = FichierRecu("confirmation.pdf", echantillons.pdf())
    cle = {
        "acteur": PDF_SERVICE,
        "dossier_id": "dos-1",
        "modele": Modele.CONFIRMATION_DEPOT,
        "idempotence": "k",
    }
    premier, nouveau = await generes.enregistrer(**cle, fichier=pdf, proprietaire=Proprietaire())
    second, encore = await generes.enregistrer(**cle, fichier=pdf, proprietaire=Proprietaire())
    assert nouveau and not encore and premier == second
    document, contenu = await generes.ouvrir(acteur=DEMANDEUR, dossier_id="dos-1", document_id=premier.id)
    assert b"".join([bloc async for bloc in contenu]) == pdf.contenu
    assert document.cree_le.tzinfo is not None
