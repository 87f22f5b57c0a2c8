"""`contracts.clients.documents.DocumentsClient` against the real documents API: every call, every refusal."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from contracts.clients.base import Conflict, NotFound, RequestRefused, ServiceUnavailable
from contracts.clients.documents import DocumentsClient, FichierEnvoye
from contracts.documents import (
    Cas,
    NaturePiece,
    OuvertureComplements,
    PieceCode,
    StatutFichier,
    VerificationPiecesRequest,
)
from contracts.process import Modele
from services.documents.wiring import DocumentsParts
from tests.services.documents import echantillons
from tests.services.documents.conftest import (
    AGENT_59,
    AUTRE_DEMANDEUR,
    DEMANDEUR,
    DOSSIER_SERVICE,
    PDF_SERVICE,
)
from tests.support.actor_tokens import TEST_TOKENS

pytestmark = pytest.mark.integration

NATIONALITE = PieceCode.JUSTIFICATIF_NATIONALITE
SCAN = FichierEnvoye("234.PNG", echantillons.png(), "image/png")
PASSEPORT = FichierEnvoye("passeport.pdf", echantillons.pdf(), "application/pdf")


@pytest.fixture
def demandeur(client: httpx.AsyncClient) -> DocumentsClient:
    return DocumentsClient(client, TEST_TOKENS, DEMANDEUR)


async def test_catalogue_annexe_et_verification(demandeur: DocumentsClient) -> None:
    catalogue = await demandeur.catalogue(Cas.MINEUR)
    assert PieceCode.JUSTIFICATIF_DOMICILE in {p.code for p in catalogue}
    assert next(p for p in catalogue if p.code is PieceCode.PHOTOGRAPHIE_IDENTITE).nature is (
        NaturePiece.NUMERO_EPHOTO
    )
    annexe = await demandeur.annexe()
    assert [s.titre for s in annexe.sections] == ["INFORMATIONS PERSONNELLES", "DOMICILE", "MOTIF DE SÉJOUR"]
    verification = await demandeur.verifier_pieces("dos-1", VerificationPiecesRequest(cas=Cas.MAJEUR))
    assert not verification.complet
    assert PieceCode.DECISION_PLACEMENT_ASE in {m.code for m in verification.manquantes}


async def test_le_brouillon_du_demandeur(demandeur: DocumentsClient) -> None:
    joints = await demandeur.joindre("dos-1", NATIONALITE, [SCAN, PASSEPORT], prefecture="prefecture-59")
    assert [(f.nom_fichier, f.type_media, f.statut) for f in joints] == [
        ("234.PNG", "image/png", StatutFichier.BROUILLON),
        ("passeport.pdf", "application/pdf", StatutFichier.BROUILLON),
    ]
    assert joints[0].sha256 == hashlib.sha256(SCAN.contenu).hexdigest()

    lu = await demandeur.fichier("dos-1", joints[1].id)
    assert (lu.contenu, lu.type_media, lu.nom) == (PASSEPORT.contenu, "application/pdf", "passeport.pdf")

    numero = await demandeur.definir_ephoto("dos-1", "1234 5678 9012 3456 7890 12")
    assert numero.numero_ephoto == "1234567890123456789012"
    assert await demandeur.ephoto("dos-1") == numero
    assert (await demandeur.definir_ephoto("dos-1", None)).numero_ephoto is None

    await demandeur.retirer("dos-1", joints[0].id)
    pieces = await demandeur.pieces("dos-1")
    assert (pieces.dossier_id, pieces.scelle) == ("dos-1", False)
    assert [[f.nom_fichier for f in p.fichiers] for p in pieces.pieces] == [["passeport.pdf"]]
    with pytest.raises(NotFound, match="Fichier introuvable"):
        await demandeur.fichier("dos-1", joints[0].id)


async def test_un_nom_accentue_revient_tel_quel(demandeur: DocumentsClient) -> None:
    (joint,) = await demandeur.joindre(
        "dos-1", NATIONALITE, [FichierEnvoye("carte d'identité; v2.jpg", echantillons.jpg(), "image/jpeg")]
    )
    assert (await demandeur.fichier("dos-1", joint.id)).nom == "carte d'identité; v2.jpg"


async def test_un_service_nomme_le_demandeur_depot_puis_complement(client: httpx.AsyncClient) -> None:
    service = DocumentsClient(client, TEST_TOKENS, DOSSIER_SERVICE)
    (ancien,) = await service.joindre(
        "dos-1", NATIONALITE, [SCAN], demandeur_id=DEMANDEUR.id, prefecture="59"
    )
    await service.definir_ephoto("dos-1", "1" * 22, demandeur_id=DEMANDEUR.id)

    scellement = await service.sceller("dos-1", prefecture="prefecture-59")
    assert (scellement.dossier_id, scellement.documents_scelles) == ("dos-1", 1)
    agent = service.as_actor(AGENT_59)
    assert (await agent.pieces("dos-1")).scelle is True

    await service.ouvrir_complements("dos-1", OuvertureComplements(ronde=1, pieces=[NATIONALITE]))
    demandeur = service.as_actor(DEMANDEUR)
    (nouveau,) = await demandeur.remplacer("dos-1", NATIONALITE, [PASSEPORT], ronde=1)
    assert (nouveau.version, nouveau.ronde) == (2, 1)
    (piece,) = (await agent.pieces("dos-1")).pieces
    assert [f.id for f in piece.anciennes_versions] == [ancien.id]
    assert piece.anciennes_versions[0].statut is StatutFichier.REMPLACE


async def test_les_documents_generes(client: httpx.AsyncClient) -> None:
    pdf = DocumentsClient(client, TEST_TOKENS, PDF_SERVICE)
    fichier = FichierEnvoye("confirmation-depot", echantillons.pdf(pages=2), "application/pdf")
    cle = {"modele": Modele.CONFIRMATION_DEPOT, "idempotence": "job-1"}
    premier = await pdf.deposer_document_genere(
        "dos-1", fichier, **cle, demandeur_id=DEMANDEUR.id, prefecture="prefecture-59"
    )
    assert await pdf.deposer_document_genere("dos-1", fichier, **cle) == premier  # the job retried
    assert premier.nom_fichier == "confirmation-depot.pdf"

    demandeur = pdf.as_actor(DEMANDEUR)
    assert await demandeur.documents_generes("dos-1") == [premier]
    lu = await demandeur.document_genere("dos-1", premier.id)
    assert (lu.contenu, lu.type_media, lu.nom) == (
        fichier.contenu,
        "application/pdf",
        "confirmation-depot.pdf",
    )
    with pytest.raises(NotFound, match="Document introuvable"):
        await demandeur.document_genere("dos-1", "inconnu")


async def test_les_refus_gardent_leur_statut_et_leur_message(client: httpx.AsyncClient) -> None:
    demandeur = DocumentsClient(client, TEST_TOKENS, DEMANDEUR)

    with pytest.raises(RequestRefused) as trop_gros:
        await demandeur.joindre("dos-1", NATIONALITE, [FichierEnvoye("scan.png", echantillons.trop_gros(11))])
    assert (trop_gros.value.status, trop_gros.value.detail) == (
        413,
        "Le fichier « scan.png » dépasse la taille maximale de 10 Mo.",
    )
    with pytest.raises(RequestRefused) as programme:
        await demandeur.joindre("dos-1", NATIONALITE, [FichierEnvoye("passeport.pdf", echantillons.exe())])
    assert programme.value.status == 415
    assert programme.value.detail.startswith("Le fichier « passeport.pdf » n'est pas dans un format accepté")
    with pytest.raises(RequestRefused) as corrompu:
        await demandeur.joindre("dos-1", NATIONALITE, [FichierEnvoye("234.PNG", echantillons.png_corrompu())])
    assert corrompu.value.status == 422 and "endommagé ou illisible" in corrompu.value.detail
    with pytest.raises(RequestRefused) as ephoto:
        await demandeur.definir_ephoto("dos-1", "123")
    assert (ephoto.value.status, ephoto.value.detail) == (
        422,
        "Le numéro ephoto doit comporter exactement 22 chiffres.",
    )

    with pytest.raises(NotFound, match="Dossier introuvable"):
        await demandeur.pieces("dos-1")  # nothing attached yet: unknown here
    await demandeur.joindre("dos-1", NATIONALITE, [SCAN], prefecture="59")
    with pytest.raises(NotFound, match="Dossier introuvable"):
        await demandeur.as_actor(AUTRE_DEMANDEUR).pieces("dos-1")
    with pytest.raises(RequestRefused) as interdit:
        await demandeur.sceller("dos-1")
    assert interdit.value.status == 403

    await demandeur.as_actor(DOSSIER_SERVICE).sceller("dos-1")
    with pytest.raises(Conflict) as depose:
        await demandeur.joindre("dos-1", PieceCode.INSERTION, [PASSEPORT])
    assert (
        depose.value.detail
        == "Votre demande a été déposée : ses justificatifs ne peuvent plus être modifiés."
    )


async def test_un_contenu_perdu_rend_le_service_indisponible(
    client: httpx.AsyncClient, deps: DocumentsParts
) -> None:
    demandeur = DocumentsClient(client, TEST_TOKENS, DEMANDEUR)
    (joint,) = await demandeur.joindre("dos-1", NATIONALITE, [SCAN])
    await deps.blobs.delete(joint.sha256)
    with pytest.raises(ServiceUnavailable, match="HTTP 503"):
        await demandeur.fichier("dos-1", joint.id)


async def test_un_identifiant_ne_change_pas_la_route(demandeur: DocumentsClient) -> None:
    await demandeur.joindre("dos-1", NATIONALITE, [SCAN])
    with pytest.raises(NotFound):  # unquoted, it would read /dossiers/dos-1/pieces
        await demandeur.fichier("dos-1", "../pieces")
