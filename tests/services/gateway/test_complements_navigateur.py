"""A complement round in Chromium on a 360 px phone, through the real stack: SEPT deposits, the
agent asks for three documents by completing « Examiner la demande » over the engine's REST API
(the variables the back-office's form sends), SEPT finds the demand behind the bell, opens it (the
acknowledgement of receipt), reads each document's reason and file, answers (one document
maintained, one updated with a new file after taking a first one back, the e-photo updated with a
new number) and validates; the process goes on with « compléments déposés » and the demand reads
« Demande de complément répondu »."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.plateforme import Plateforme, until
from tests.services.gateway.navigateur import cocher, surveiller_csp, verifier_page
from tests.support.stack import Stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SEPT = {"identifiant": "5903007178", "mot_de_passe": "Tournesol.Lille59!"}  # devtools/seed.py
NOUVELLE_EPHOTO = "9876543210987654321098"
PIECES_DEMANDEES = [
    {
        "piece": "justificatif-nationalite",
        "motif": "illisible",
        "observation": "Veuillez fournir une copie lisible de votre passeport.",
    },
    {
        "piece": "justificatif-domicile",
        "motif": "perime",
        "observation": "Le justificatif date de plus de 6 mois.",
    },
    {
        "piece": "photographie-identite",
        "motif": "autre",
        "precisionMotif": "Photo de plus de 6 mois",
        "observation": "Faites faire une nouvelle e-photo.",
    },
]


@pytest.fixture
def anef(stack: Stack) -> Iterator[Plateforme]:
    """The stack's internal APIs and the engine's REST API, as the e2e paths use them."""
    plateforme = Plateforme(stack)
    yield plateforme
    plateforme.close()


def quittance(dossier: Path, nom: str, couleur: tuple[int, int, int]) -> Path:
    chemin = dossier / nom
    image = io.BytesIO()
    Image.new("RGB", (60, 40), couleur).save(image, "PNG")
    chemin.write_bytes(image.getvalue())
    return chemin


def test_repondre_a_une_demande_de_complements_dans_le_navigateur(
    stack: Stack, anef: Plateforme, phone_page: Page, tmp_path: Path
) -> None:
    page, site = phone_page, stack.url("gateway")
    refus_csp = surveiller_csp(page)
    sept = anef.connecter(SEPT["identifiant"], SEPT["mot_de_passe"])
    dossier_id = str(anef.deposer(sept)["id"])
    anef.statut_atteint(dossier_id, sept.acteur, "en_instruction")
    anef.examiner(
        "prefecture-59", dossier_id, {"decision": "complements", "piecesDemandees": PIECES_DEMANDEES}
    )
    anef.statut_atteint(dossier_id, sept.acteur, "complements_demandes")
    [demande] = anef.notification(sept, "demande-complements")

    # The bell, « Mes Notifications », the demand: opening it is the acknowledgement of receipt.
    page.goto(site + "/connexion")
    page.fill("#identifiant", SEPT["identifiant"])
    page.fill("#mot_de_passe", SEPT["mot_de_passe"])
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Menu").click()
    menu = page.locator("#menu-principal")
    expect(menu.locator(".anef-pastille")).to_contain_text(re.compile(r"\d+ non lue"))
    menu.get_by_text("Mes Notifications").first.click()
    expect(menu.get_by_role("link", name="Demande de complément")).to_be_visible()
    verifier_page(page, "30-cloche-complements")
    menu.get_by_role("link", name="Voir toutes mes notifications").click()
    expect(page.get_by_role("heading", name="Mes Notifications")).to_be_visible()
    verifier_page(page, "31-mes-notifications-complements")
    page.get_by_role("link", name=re.compile("^Demande de complément")).first.click()
    expect(page.get_by_text("Demande de compléments n° 1")).to_be_visible()
    for phrase in (
        "Les documents mentionnés ci-dessous ne sont pas lisibles :",
        "Les documents mentionnés ci-dessous ne sont plus en cours de validité :",
        "Les documents mentionnés ci-dessous sont à reprendre (Photo de plus de 6 mois) :",
    ):
        expect(page.get_by_text(phrase)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Voir le document")).first).to_be_visible()
    expect(page.get_by_text("Date limite de réponse")).to_be_visible()
    verifier_page(page, "32-demande-complements")
    assert anef.ouvrir(sept, str(demande["id"]))["etat"] == "lue"

    # « Ma demande »: the round waiting for its answer, its number and last day.
    page.goto(f"{site}/demande/{dossier_id}/suivi")
    expect(page.get_by_text("Une demande de complément attend votre réponse")).to_be_visible()
    expect(page.get_by_text("Demande de compléments n° 1, reçue le")).to_be_visible()
    expect(page.get_by_text("Date limite de réponse")).to_be_visible()
    verifier_page(page, "33-ma-demande-complements")

    # The answer: maintained, updated with a file (a first one taken back), the e-photo renewed.
    page.get_by_role("link", name="Répondre à la demande de complément").click()
    expect(page.get_by_role("heading", name="Demande de complément")).to_be_visible()
    expect(page.get_by_text("Demande de compléments n° 1")).to_be_visible()
    expect(page.locator("#date-limite")).to_contain_text("Date limite de réponse")
    verifier_page(page, "34-reponse-complements")
    cocher(page, "reponse_justificatif-nationalite-maintenir")
    page.fill("#motif_justificatif-nationalite", "La copie comporte 2 pages")
    cocher(page, "reponse_justificatif-domicile-mettre_a_jour")
    page.set_input_files(
        "#fichiers_justificatif-domicile", str(quittance(tmp_path, "erreur.png", (90, 0, 0)))
    )
    page.get_by_role("button", name="Joindre un document : Justificatif de domicile").click()
    expect(page.get_by_role("button", name="Supprimer erreur.png")).to_be_visible()
    expect(page.locator("#motif_justificatif-nationalite")).to_have_value("La copie comporte 2 pages")
    page.get_by_role("button", name="Supprimer erreur.png").click()
    expect(page.get_by_role("button", name="Supprimer erreur.png")).to_have_count(0)
    page.set_input_files("#fichiers_justificatif-domicile", str(quittance(tmp_path, "6657.PNG", (0, 90, 0))))
    page.get_by_role("button", name="Joindre un document : Justificatif de domicile").click()
    expect(page.get_by_role("button", name="Supprimer 6657.PNG")).to_be_visible()
    page.fill("#message_justificatif-domicile", "Voici ma quittance de ce mois.")
    cocher(page, "reponse_photographie-identite-mettre_a_jour")
    page.fill("#ephoto", "123")  # too short: refused, nothing else lost
    page.get_by_role("button", name="Valider et envoyer").click()
    expect(page.locator("#ephoto-messages")).to_contain_text("22 chiffres")
    expect(page.locator("#message_justificatif-domicile")).to_have_value("Voici ma quittance de ce mois.")
    verifier_page(page, "35-reponse-erreur")
    page.fill("#ephoto", NOUVELLE_EPHOTO)
    page.get_by_role("button", name="Valider et envoyer").click()
    expect(page.get_by_text("Votre réponse a bien été envoyée")).to_be_visible()
    expect(page.get_by_text(f"Numéro ephoto (mis à jour) : {NOUVELLE_EPHOTO}")).to_be_visible()
    verifier_page(page, "36-reponse-envoyee")

    # The process goes on; the notifier reads the dossier's event: « Demande de complément répondu ».
    anef.statut_atteint(dossier_id, sept.acteur, "complements_deposes")
    until(lambda: anef.ouvrir(sept, str(demande["id"]))["etat"] == "repondue" or None, "demande répondue")
    anef.tache("prefecture-59", dossier_id, "UserTask_ExaminerDemande")
    page.goto(site + "/espace/notifications")
    expect(page.get_by_text("Demande de complément répondu")).to_be_visible()
    verifier_page(page, "37-notifications-repondu")
    page.goto(f"{site}/demande/{dossier_id}/suivi")
    expect(page.get_by_text("Voir ma réponse à la demande de complément")).to_be_visible()
    verifier_page(page, "38-ma-demande-repondu")
    pieces = anef.json("documents", "GET", f"/dossiers/{dossier_id}/pieces", sept.acteur)
    [domicile] = [p for p in pieces["pieces"] if p["code"] == "justificatif-domicile"]
    assert [f["nomFichier"] for f in domicile["fichiers"]] == ["6657.PNG"]
    assert pieces["numeroEphoto"] == NOUVELLE_EPHOTO and pieces["ephotoRonde"] == 1
    assert refus_csp == []

    # SEPT withdraws: the stack's other journeys start a new application for her
    anef.json("dossier", "POST", f"/dossiers/{dossier_id}/desistement", sept.acteur)
    anef.statut_atteint(dossier_id, sept.acteur, "desistement")
