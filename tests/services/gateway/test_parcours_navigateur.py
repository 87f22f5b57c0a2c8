"""Screens 1–3 in Chromium on a 360 px phone, through the real stack (`make run`'s processes):
account creation with the link read from the SMTP sink, password, sign-in, the bell, sign-out."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Page, expect

from devtools.demo_table import validite
from tests.services.gateway.navigateur import surveiller_csp, verifier_page
from tests.support.stack import Stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

NEUF = {"titre": "9900000009", "numero_etranger": "5903007179"}  # the demo register's NEUF ETRANGER
COURRIEL = "neuf.navigateur@example.org"
MOT_DE_PASSE = "Lilas+Navigateur,59"  # `+` and `,`: the guide's second screen lists them


def validite_demo() -> tuple[date, date]:
    """The demo title's dates, as the README tells a new user to type them (seeded today)."""
    return validite(datetime.now(ZoneInfo("Europe/Paris")).date())


def lien_du_courriel(stack: Stack, destinataire: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        mails = httpx.get(stack.url("smtp") + "/api/mails", timeout=10).json()
        for mail in mails:
            if destinataire in str(mail.get("a")) and (
                lien := re.search(r"https?://\S+/compte/confirmer\?jeton=[\w.~%-]+", mail.get("texte", ""))
            ):
                return lien.group(0)
        time.sleep(0.5)
    raise AssertionError(f"aucun courriel de confirmation pour {destinataire}")


def saisir_date(page: Page, prefixe: str, jour: date) -> None:
    page.fill(f"#{prefixe}_jour", str(jour.day))
    page.fill(f"#{prefixe}_mois", str(jour.month))
    page.fill(f"#{prefixe}_annee", str(jour.year))


def test_creer_son_compte_se_connecter_voir_la_cloche_et_se_deconnecter(
    stack: Stack, phone_page: Page
) -> None:
    page, site = phone_page, stack.url("gateway")
    refus_csp = surveiller_csp(page)

    page.goto(site)
    expect(page.locator(".fr-header__tools-links a", has_text="Se connecter")).to_be_attached()
    verifier_page(page, "1-accueil")

    page.get_by_role("link", name=re.compile("Première visite", re.I)).click()
    expect(page.get_by_role("heading", name="Première visite ? Créez votre compte.")).to_be_visible()
    page.get_by_role("button", name="Créer un compte").click()  # empty: errors tied to the fields
    expect(page.locator("#numero_titre")).to_have_attribute("aria-invalid", "true")
    verifier_page(page, "2-creation-erreurs")

    debut, fin = validite_demo()
    page.fill("#numero_titre", NEUF["titre"])
    saisir_date(page, "debut", debut)
    saisir_date(page, "fin", fin)
    page.get_by_role("button", name="Créer un compte").click()
    expect(page.get_by_role("heading", name="Saisissez votre adresse email")).to_be_visible()
    verifier_page(page, "3-courriel")
    page.fill("#courriel", COURRIEL)
    page.fill("#confirmation_courriel", COURRIEL)
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Demande de création de compte bien enregistrée.")).to_be_visible()
    expect(page.get_by_text("Votre identifiant de connexion sera votre N° Etranger")).to_be_visible()
    verifier_page(page, "4-demande-enregistree")

    lien = lien_du_courriel(stack, COURRIEL)
    page.goto(lien)
    expect(page.get_by_text("Votre adresse email a bien été validée.")).to_be_visible()
    expect(page.get_by_role("heading", name="Créez votre mot de passe")).to_be_visible()
    page.fill("#mot_de_passe", "Kq7w#Zr\u00a02Pm")  # a no-break space: told at once
    expect(page.locator("#mot_de_passe-invisible")).to_be_visible()
    page.fill("#mot_de_passe", "abc")
    expect(page.locator("#mot_de_passe-invisible")).to_be_hidden()
    expect(page.locator('[data-critere="minuscule"]')).to_have_class(re.compile("fr-message--valid"))
    expect(page.locator('[data-critere="majuscule"]')).to_have_class(re.compile("fr-message--info"))
    verifier_page(page, "5-mot-de-passe")
    page.fill("#mot_de_passe", "Neuf.Lille-59!")  # the format is met, but it is her own first name
    page.fill("#confirmation_mot_de_passe", "Neuf.Lille-59!")
    page.get_by_role("button", name="Créer le mot de passe").click()
    expect(page.locator("#mot_de_passe-messages")).to_contain_text("ni votre prénom")
    expect(page.locator("#mot_de_passe")).to_have_attribute("aria-invalid", "true")
    page.fill("#mot_de_passe", MOT_DE_PASSE)
    page.fill("#confirmation_mot_de_passe", MOT_DE_PASSE)
    page.get_by_role("button", name="Créer le mot de passe").click()
    expect(page.get_by_text("Votre compte a bien été créé.")).to_be_visible()
    expect(page.get_by_text("Votre identifiant de connexion est votre N° Etranger")).to_be_visible()
    verifier_page(page, "6-compte-cree")

    page.goto(site + "/connexion")
    page.fill("#identifiant", NEUF["numero_etranger"])
    page.fill("#mot_de_passe", MOT_DE_PASSE)
    page.keyboard.press("Enter")  # the keyboard alone signs in
    expect(page.get_by_role("link", name="Je demande ou renouvelle un titre de séjour")).to_be_visible()
    expect(page.get_by_role("link", name="Je déclare un changement de situation")).to_be_visible()
    verifier_page(page, "7-espace")

    # The bell is in the header's bar beside « Menu »: reachable on the phone without the menu.
    cloche = page.locator(".fr-header__navbar").get_by_role("link", name="Mes Notifications")
    expect(cloche).to_be_visible()
    expect(page.locator("#menu-principal")).to_be_hidden()
    boite = cloche.bounding_box()
    assert boite is not None and boite["x"] >= 0 and boite["x"] + boite["width"] <= 360
    cloche.click()
    expect(page.get_by_text("Filtrer mes notifications")).to_be_visible()
    verifier_page(page, "8-cloche")

    page.get_by_role("button", name="Menu").click()
    menu = page.locator("#menu-principal")
    menu.get_by_text("Mes Notifications").first.click()
    expect(menu.get_by_text("Vous n'avez aucune nouvelle notification.")).to_be_visible()
    verifier_page(page, "8-cloche-menu")
    menu.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", name="Vous avez déjà un compte")).to_be_visible()
    assert refus_csp == []
