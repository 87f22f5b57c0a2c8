"""Job handlers called directly: the number, statuses, rounds, decision, closure, alerts; at least once."""

from __future__ import annotations

import re

import httpx
import pytest
from pyzeebe.errors import BusinessError

from contracts.process import JobType
from plumbing.job_failures import PermanentJobError
from services.dossier.wiring import DossierParts
from tests.services.dossier.conftest import HUIT, SEPT, entetes, fiche_huit, fiche_sept
from tests.services.dossier.factices import HorlogeFixe, MoteurFactice, PiecesFactices, job, traiter
from tests.services.dossier.parcours import deposer

pytestmark = pytest.mark.integration
PIECES = [
    {
        "piece": "justificatif-nationalite",
        "observation": "Veuillez fournir une copie lisible de votre passeport.",
    }
]


async def lire(client: httpx.AsyncClient, dossier_id: str) -> dict[str, object]:
    return dict((await client.get(f"/dossiers/{dossier_id}", headers=entetes(SEPT))).json())


async def test_registration_gives_the_number_once_and_the_process_variables(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    tache = job(JobType.DOSSIER_ENREGISTRER, {"dossierId": dossier_id})
    premier = await traiter(composants, tache)
    encore = await traiter(composants, tache)  # delivered twice
    assert premier == encore
    assert premier["numeroDemande"] == "5901202308180000001"
    assert premier["dateDepot"] == "2023-08-18" and premier["cas"] == "mineur"
    assert premier["prefecture"] == "prefecture-59" and premier["dateFinValiditeTitre"] == "2023-09-12"
    assert premier["demandeur"] == {
        "nom": "ETRANGER",
        "nomUsage": None,
        "prenoms": "SEPT",
        "sexe": "F",
        "dateNaissance": "2006-07-01",
        "paysNaissance": "BRESIL",
        "lieuNaissance": "BRASILIA",
        "nationalite": "BRÉSILIENNE",
        "numeroEtranger": "5903007178",
        "courriel": "septetranger@yopmail.com",
        "adresse": "20 RUE NATIONALE 59000 LILLE FRANCE",
    }
    assert (await lire(client, dossier_id))["numeroDemande"] == premier["numeroDemande"]


async def test_the_daily_sequence_follows_registrations(
    client: httpx.AsyncClient, composants: DossierParts, moteur: MoteurFactice
) -> None:
    premier = await deposer(client, SEPT, fiche_sept())
    second = await deposer(client, HUIT, fiche_huit())
    numeros = []
    for dossier_id in (second, premier):
        tache = job(
            JobType.DOSSIER_ENREGISTRER,
            {"dossierId": dossier_id},
            process_instance_key=moteur.instances[dossier_id],
        )
        numeros.append((await traiter(composants, tache))["numeroDemande"])
    assert numeros == ["5901202308180000001", "5901202308180000002"]
    assert all(re.fullmatch(r"\d{19}", n) for n in numeros)


async def test_a_second_instance_of_the_same_dossier_is_cancelled(
    client: httpx.AsyncClient, composants: DossierParts, moteur: MoteurFactice
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    lie = await traiter(
        composants,
        job(JobType.DOSSIER_ENREGISTRER, {"dossierId": dossier_id}, process_instance_key=2251799813685249),
    )
    assert lie["numeroDemande"]
    doublon = await traiter(
        composants, job(JobType.DOSSIER_ENREGISTRER, {"dossierId": dossier_id}, process_instance_key=99)
    )
    assert doublon == {} and moteur.annulees == [99]


async def test_status_changes_are_applied_once_per_job(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    tache = job(JobType.DOSSIER_CHANGER_STATUT, {"dossierId": dossier_id}, {"statut": "en_instruction"})
    await traiter(composants, tache)
    await traiter(composants, tache)
    historique = (await client.get(f"/dossiers/{dossier_id}/historique", headers=entetes(SEPT))).json()
    assert [c["statut"] for c in historique["changements"]] == ["brouillon", "deposee", "en_instruction"]
    assert historique["changements"][-1]["libelle"] == "Demande en cours d'instruction"
    with pytest.raises(PermanentJobError, match="statut non autorisé"):
        await traiter(
            composants, job(JobType.DOSSIER_CHANGER_STATUT, {"dossierId": dossier_id}, {"statut": "acceptee"})
        )
    with pytest.raises(PermanentJobError, match="dossier inconnu"):
        await traiter(
            composants,
            job(JobType.DOSSIER_CHANGER_STATUT, {"dossierId": "inconnu"}, {"statut": "en_instruction"}),
        )


async def test_a_complement_round_opens_once_per_job_and_in_documents(
    client: httpx.AsyncClient, composants: DossierParts, pieces: PiecesFactices
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    tache = job(JobType.DOSSIER_OUVRIR_COMPLEMENTS, {"dossierId": dossier_id, "piecesDemandees": PIECES})
    assert await traiter(composants, tache) == {"rondeComplements": 1}
    assert await traiter(composants, tache) == {"rondeComplements": 1}
    suivante = job(JobType.DOSSIER_OUVRIR_COMPLEMENTS, {"dossierId": dossier_id, "piecesDemandees": PIECES})
    assert await traiter(composants, suivante) == {"rondeComplements": 2}
    assert pieces.ouvertures == [
        (dossier_id, 1, ["justificatif-nationalite"]),
        (dossier_id, 1, ["justificatif-nationalite"]),
        (dossier_id, 2, ["justificatif-nationalite"]),
    ]
    assert (await lire(client, dossier_id))["statut"] == "complements_demandes"
    with pytest.raises(PermanentJobError, match="pièce inconnue"):
        await traiter(
            composants,
            job(
                JobType.DOSSIER_OUVRIR_COMPLEMENTS,
                {"dossierId": dossier_id, "piecesDemandees": [{"piece": "x"}]},
            ),
        )


async def test_a_decision_is_recorded_once_and_ends_the_application_in_progress(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    variables = {"dossierId": dossier_id, "decision": "favorable", "motifDecision": None}
    variables["dateDecision"] = "2023-08-18"
    assert await traiter(composants, job(JobType.DOSSIER_ENREGISTRER_DECISION, variables)) == {}
    await traiter(
        composants, job(JobType.DOSSIER_ENREGISTRER_DECISION, {**variables, "decision": "defavorable"})
    )
    dossier = await lire(client, dossier_id)
    assert dossier["statut"] == "acceptee" and dossier["libelleStatut"] == "Demande acceptée"
    assert dossier["decision"]["decision"] == "favorable"  # type: ignore[index]
    await traiter(
        composants,
        job(JobType.DOSSIER_CHANGER_STATUT, {"dossierId": dossier_id}, {"statut": "titre_disponible"}),
    )
    assert (await lire(client, dossier_id))["statut"] == "titre_disponible"
    nouveau = await client.post("/dossiers", json={"pour": "moi-meme"}, headers=entetes(SEPT))
    assert nouveau.status_code == 201
    with pytest.raises(PermanentJobError):
        await traiter(
            composants, job(JobType.DOSSIER_ENREGISTRER_DECISION, {**variables, "decision": "peut-etre"})
        )


async def test_the_decision_is_dated_by_the_valideur_not_by_the_day_the_job_runs(
    client: httpx.AsyncClient, composants: DossierParts, horloge: HorlogeFixe
) -> None:
    """Validated on the 20th, recorded on the 22nd (the job retried): the decision is of the 20th."""
    dossier_id = await deposer(client, SEPT, fiche_sept())
    horloge.avancer(days=4)  # 22/08/2023
    decision = {"dossierId": dossier_id, "decision": "favorable", "dateDecision": "2023-08-20"}
    for invalide, message in (("2023-08-17", "antérieure au dépôt"), ("2023-08-23", "postérieure")):
        with pytest.raises(PermanentJobError, match=message):
            tache = job(JobType.DOSSIER_ENREGISTRER_DECISION, {**decision, "dateDecision": invalide})
            await traiter(composants, tache)
    assert await traiter(composants, job(JobType.DOSSIER_ENREGISTRER_DECISION, decision)) == {}
    dossier = await lire(client, dossier_id)
    assert dossier["decision"]["date"].startswith("2023-08-20T09:30")  # type: ignore[index]


async def test_closing_as_incomplete_and_a_closed_dossier_is_a_bpmn_error(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    cloture = job(JobType.DOSSIER_CLOTURER, {"dossierId": dossier_id}, {"motif": "incomplet"})
    await traiter(composants, cloture)
    await traiter(composants, cloture)
    dossier = await lire(client, dossier_id)
    assert dossier["statut"] == "cloturee_incomplete"
    assert dossier["libelleStatut"] == "Demande clôturée : dossier incomplet"
    with pytest.raises(BusinessError) as erreur:
        await traiter(
            composants,
            job(
                JobType.DOSSIER_ENREGISTRER_DECISION,
                {"dossierId": dossier_id, "decision": "favorable", "dateDecision": "2023-08-18"},
            ),
        )
    assert erreur.value.error_code == "dossier-clos"
    with pytest.raises(BusinessError):
        await traiter(
            composants,
            job(JobType.DOSSIER_OUVRIR_COMPLEMENTS, {"dossierId": dossier_id, "piecesDemandees": PIECES}),
        )
    # a status change on a closed dossier changes nothing and does not fail
    await traiter(
        composants,
        job(JobType.DOSSIER_CHANGER_STATUT, {"dossierId": dossier_id}, {"statut": "en_instruction"}),
    )
    assert (await lire(client, dossier_id))["statut"] == "cloturee_incomplete"


async def test_an_alert_is_kept_once_for_the_agents(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    for _ in range(2):
        await traiter(
            composants, job(JobType.DOSSIER_ALERTER, {"dossierId": dossier_id}, {"alerte": "rejet-implicite"})
        )
    assert (await lire(client, dossier_id))["alertes"] == ["rejet-implicite"]
    with pytest.raises(PermanentJobError):
        await traiter(
            composants, job(JobType.DOSSIER_ALERTER, {"dossierId": dossier_id}, {"alerte": "Pas Bon!"})
        )


def test_the_router_serves_every_dossier_job_type(composants: DossierParts) -> None:
    from services.dossier.tasks import build_task_router

    router = build_task_router(composants.tasks)
    assert sorted(t.type for t in router.tasks) == sorted(
        j.value for j in JobType if j.value.startswith("dossier.")
    )


async def test_the_documents_service_being_down_is_a_transient_failure(
    client: httpx.AsyncClient, composants: DossierParts, pieces: PiecesFactices
) -> None:
    from contracts.clients.base import ServiceUnavailable
    from plumbing.job_failures import TransientJobError

    async def en_panne(*_args: object, **_kwargs: object) -> None:
        raise ServiceUnavailable("ConnectError")

    dossier_id = await deposer(client, SEPT, fiche_sept())
    pieces.ouvrir_complements = en_panne  # type: ignore[method-assign]
    tache = job(JobType.DOSSIER_OUVRIR_COMPLEMENTS, {"dossierId": dossier_id, "piecesDemandees": PIECES})
    with pytest.raises(TransientJobError):
        await traiter(composants, tache)
    del pieces.ouvrir_complements  # the documents service is back: the retried job opens the same round
    assert await traiter(composants, tache) == {"rondeComplements": 1}
    assert pieces.ouvertures == [(dossier_id, 1, ["justificatif-nationalite"])]
