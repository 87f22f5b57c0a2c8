"""The two minors' cases of screens 4 and 5 in Chromium on a 360 px phone, through the real stack:
NEUF (not emancipated) and DIX (emancipated) choose « Moi-même », tell step 1 whether they are
emancipated, upload the pieces of their case at step 3, deposit and get the N° demande and the PDF.

NEUF's account is the one test_parcours_navigateur.py creates in the browser (same e-mail and
password): this file runs after it on the shared stack (see conftest.py) and creates the account
through identity's API only when run alone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from contracts.dossier import ATTESTATIONS_PAR_CAS, Cas
from devtools.demo_table import validite
from tests.e2e.plateforme import GATEWAY, Plateforme
from tests.services.gateway.navigateur import (
    aujourdhui,
    cocher,
    fichiers,
    saisir_date,
    surveiller_csp,
    verifier_page,
)
from tests.support.stack import Stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

EPHOTO = "1234567890123456789012"
ACCORD = "Accord du parent/représentant légal ou du mandataire"
IDENTITE = "Justificatif d'identité"
EMANCIPATION = "Justificatif d'émancipation"
NATIONALITE = "Justificatif de nationalité"


@dataclass(frozen=True)
class Mineur:
    nom: str
    numero: str  # the screenshots' « 4x »
    identifiant: str
    titre: str
    courriel: str
    mot_de_passe: str
    emancipe: bool
    cas: Cas
    pieces: tuple[str, ...]  # the case's own pieces at step 3
    absentes: tuple[str, ...]  # the other minor's


NEUF = Mineur(
    "neuf",
    "0",
    "5903007179",
    "9900000009",
    "neuf.navigateur@example.org",  # test_parcours_navigateur.py's
    "Lilas+Navigateur,59",
    emancipe=False,
    cas=Cas.MINEUR,
    pieces=(ACCORD,),
    absentes=(IDENTITE, EMANCIPATION),
)
DIX = Mineur(
    "dix",
    "1",
    "5903007180",
    "9900000010",
    "dix.navigateur@example.org",
    "Rivière+Bleue,9",
    emancipe=True,
    cas=Cas.MINEUR_EMANCIPE,
    pieces=(IDENTITE, EMANCIPATION),
    absentes=(ACCORD,),
)


@pytest.fixture
def anef(stack: Stack) -> Iterator[Plateforme]:
    plateforme = Plateforme(stack)
    yield plateforme
    plateforme.close()


def compte(anef: Plateforme, mineur: Mineur) -> None:
    """The minor's account: already there, or created as the seed's screens 2–3 do it."""
    essai = anef.clients["identity"].post(
        "/sessions",
        json={"identifiant": mineur.identifiant, "motDePasse": mineur.mot_de_passe},
        headers=anef.headers(GATEWAY),
    )
    if essai.status_code == 201:
        return
    debut, fin = validite(aujourdhui())
    anef.creer_compte(anef.titre_du_registre(mineur.titre, debut, fin), mineur.courriel, mineur.mot_de_passe)


@pytest.mark.parametrize("mineur", [NEUF, DIX], ids=lambda m: m.nom)
def test_un_mineur_remplit_les_cinq_etapes_et_depose(
    stack: Stack, anef: Plateforme, phone_page: Page, tmp_path: Path, mineur: Mineur
) -> None:
    compte(anef, mineur)
    page, site = phone_page, stack.url("gateway")
    refus_csp = surveiller_csp(page)
    png, pdf, _ = fichiers(tmp_path)

    def verifier(nom: str) -> None:
        verifier_page(page, f"4{mineur.numero}-{mineur.nom}-{nom}")

    page.goto(site + "/connexion")
    page.fill("#identifiant", mineur.identifiant)
    page.fill("#mot_de_passe", mineur.mot_de_passe)
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Je demande ou renouvelle un titre de séjour").click()

    # Screen 4: for whom, the title held, the preamble.
    expect(page.get_by_text("Je sollicite ou renouvelle un titre de séjour pour :")).to_be_visible()
    expect(page.locator('label[for="pour-moi-meme"]')).to_contain_text("Moi-même (à partir de 16 ans)")
    cocher(page, "pour-moi-meme")
    page.get_by_role("button", name="Je continue").click()
    cocher(page, "titre-renouvellement")
    verifier("situation")
    page.get_by_role("button", name="Je commence").click()
    expect(page.get_by_text("Déposez votre demande en 5 étapes", exact=False)).to_be_visible()
    verifier("preambule")
    page.get_by_role("button", name="Je continue").click()

    # Step 1: the minor is asked whether they are emancipated (DIX is, NEUF is not).
    expect(page.get_by_text("Étape 1 sur 5")).to_be_visible()
    expect(page.get_by_label("Je suis un mineur (+16 ans) émancipé")).to_have_count(1)
    page.fill("#telephone", "06 12 34 56 78")
    emancipe = page.locator("#mineur_emancipe")  # the register's emancipation, ticked in advance
    expect(emancipe).to_be_checked(checked=mineur.emancipe)
    verifier("etape1")
    page.get_by_role("button", name="Enregistrer et poursuivre").click()

    # Step 2: placed before 16, the case's sworn statements.
    expect(page.get_by_text("Je renseigne mon motif de séjour")).to_be_visible()
    attestations = page.locator("input[type=checkbox][name^=attestation_]")
    expect(attestations).to_have_count(len(ATTESTATIONS_PAR_CAS[mineur.cas]))  # no polygamy for NEUF
    saisir_date(page, "ase", aujourdhui() - timedelta(days=2 * 365))
    page.select_option("#situation_familiale", "celibataire")
    cocher(page, "enfants-non")
    for case in attestations.all():
        cocher(page, str(case.get_attribute("id")))
    verifier("etape2")
    page.get_by_role("button", name="Enregistrer et poursuivre").click()

    # Step 3: the case's pieces, not the other minor's; a file for every piece.
    expect(page.get_by_text("Je joins mes documents justificatifs")).to_be_visible()
    for libelle in mineur.pieces:
        expect(page.get_by_role("heading", name=libelle, exact=False)).to_be_visible()
    for libelle in mineur.absentes:
        expect(page.get_by_role("heading", name=libelle, exact=False)).to_have_count(0)
    nationalite = page.locator("#piece-justificatif-nationalite h4")
    expect(nationalite).to_have_text(f"{NATIONALITE} *" if mineur.emancipe else NATIONALITE)
    verifier("etape3")
    page.fill("#ephoto", EPHOTO)
    entrees = page.locator("input[type=file]")
    for indice in range(entrees.count()):
        entrees.nth(indice).set_input_files(str(png if indice % 2 == 0 else pdf))
    page.get_by_role("button", name=f"Joindre un document : {NATIONALITE}").click()
    expect(page.get_by_role("button", name="Supprimer passeport.png").first).to_be_visible()
    for libelle in mineur.pieces:
        piece = page.locator("div[id^=piece-]", has=page.get_by_role("heading", name=libelle, exact=False))
        expect(
            piece.get_by_role("button", name=re.compile(r"Supprimer (passeport\.png|attestation\.pdf)"))
        ).to_have_count(1)
    verifier("etape3-fichiers")
    page.get_by_role("button", name="Enregistrer et poursuivre").click()

    # Step 4: the summary tells the case, the deposit.
    expect(page.get_by_text("Je confirme le dépôt définitif de ma demande.")).to_be_visible()
    expect(page.get_by_text(EPHOTO)).to_be_visible()
    emancipation = page.get_by_text("Je suis un mineur (+16 ans) émancipé").locator("..")
    expect(emancipation).to_contain_text("Oui" if mineur.emancipe else "Non")
    for libelle in mineur.pieces:
        expect(page.get_by_text(libelle, exact=False).first).to_be_visible()
    verifier("etape4")
    page.get_by_role("button", name="Déposer la demande").click()

    # Step 5: the N° demande, then the PDF.
    expect(page.get_by_text("N° de la demande")).to_be_visible(timeout=90_000)
    expect(page.get_by_text(re.compile(r"\d{19}"))).to_be_visible()
    verifier("confirmation")
    with page.expect_download() as confirmation:
        page.get_by_role("link", name=re.compile("Télécharger la confirmation de dépôt")).click()
    assert Path(confirmation.value.path()).read_bytes().startswith(b"%PDF")
    assert refus_csp == []
