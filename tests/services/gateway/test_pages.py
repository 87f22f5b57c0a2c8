"""The guide's screens 1–3 on fakes of identity and the notifier: wording, flows, field errors."""

from __future__ import annotations

import html

import pytest

from services.gateway.api.security import SESSION_COOKIE
from tests.services.gateway.conftest import Site
from tests.services.gateway.fakes import JETON_LIEN

pytestmark = pytest.mark.integration

TITRE = {
    "numero_titre": "9900000007",
    **{"debut_jour": "2", "debut_mois": "1", "debut_annee": "2025"},
    **{"fin_jour": "1", "fin_mois": "1", "fin_annee": "2026"},
}


async def test_public_home_has_the_guide_entries_and_login_box(site: Site) -> None:
    page = html.unescape((await site.http.get("/")).text)
    for text in (
        "Étrangers en France",
        "Direction générale des étrangers en France",
        "Valider mon VLS-TS",
        "Demander un titre de séjour",
        "Acheter un timbre fiscal électronique",
        "Document de voyage",
        "Se connecter",
        "Vous avez déjà un compte",
        "Identifiant",
        "Mot de passe oublié ?",
        "S'identifier",
        "FranceConnect est la solution proposée par l'État",
        "Première visite ? Créer votre compte",
        "Comment savoir si vous avez déjà un compte ?",
        'href="#contenu"',
    ):
        assert text in page, text
    assert "La connexion avec FranceConnect n'est pas disponible" in page
    outside = html.unescape((await site.http.get("/demarches/valider-mon-vls-ts")).text)
    assert "Cette démarche n'est pas proposée par ce service en ligne" in outside


async def test_account_creation_goes_from_the_title_to_the_email(site: Site) -> None:
    form = (await site.http.get("/connexion")).text
    for text in (
        "N° de votre visa ou de votre titre de séjour",
        "Date de début de validité",
        "Date de fin de validité",
        "Jour",
        "Mois",
        "Année",
        "Créer un compte",
        "Où trouver ce numéro ?",
    ):
        assert text in form, text
    courriel = await site.post("/compte/creation", TITRE)
    assert courriel.status_code == 200
    assert "Saisissez votre adresse email" in courriel.text and "Changer" in courriel.text
    assert "02/01/2025" not in courriel.text and "2/1/2025" in courriel.text
    done = await site.post(
        "/compte/courriel",
        {**TITRE, "courriel": "sept@example.org", "confirmation_courriel": "sept@example.org"},
    )
    assert "Demande de création de compte bien enregistrée." in done.text
    assert "Un email vous a été envoyé afin de confirmer votre adresse email." in done.text
    assert "Votre identifiant de connexion sera votre N° Etranger" in done.text
    [demande] = site.comptes.demandes
    assert demande.numero_titre == "9900000007" and demande.courriel == "sept@example.org"  # type: ignore[attr-defined]


async def test_title_errors_are_tied_to_their_fields(site: Site) -> None:
    response = await site.post(
        "/compte/creation", {**TITRE, "numero_titre": "", "fin_jour": "31", "fin_mois": "2"}
    )
    assert response.status_code == 422
    page = response.text
    assert "fr-input-group--error" in page and "fr-fieldset--error" in page
    assert 'aria-describedby="numero_titre-messages"' in page
    assert "Saisissez le N° de votre visa ou de votre titre de séjour." in page
    assert "Saisissez une date de fin de validité réelle" in page
    assert 'href="#fin"' in page and 'role="alert"' in page
    assert 'value="2025"' in page  # what was typed stays


async def test_email_errors_and_identity_refusals_keep_the_title(site: Site) -> None:
    different = await site.post(
        "/compte/courriel", {**TITRE, "courriel": "a@b.fr", "confirmation_courriel": "c@d.fr"}
    )
    assert "Les deux adresses email saisies sont différentes." in different.text
    assert site.comptes.demandes == []
    unknown = await site.post(
        "/compte/courriel",
        {**TITRE, "numero_titre": "123", "courriel": "a@b.fr", "confirmation_courriel": "a@b.fr"},
    )
    assert unknown.status_code == 422
    assert "ne correspondent à aucun visa ni titre de séjour" in unknown.text
    assert 'name="numero_titre" value="123"' in unknown.text


async def test_the_email_link_validates_then_the_password_is_created(site: Site) -> None:
    page = await site.http.get(f"/compte/confirmer?jeton={JETON_LIEN}")
    assert "Votre adresse email a bien été validée." in page.text and "Créez votre mot de passe" in page.text
    assert "Format attendu : au moins 8 caractères, une majuscule, une minuscule" in page.text
    assert "Créer le mot de passe" in page.text
    created = await site.post(
        "/compte/mot-de-passe",
        {
            "usage": "creation",
            "jeton": JETON_LIEN,
            "mot_de_passe": "Nouveau+Mdp,1",
            "confirmation_mot_de_passe": "Nouveau+Mdp,1",
        },
    )
    assert "Votre compte a bien été créé." in created.text
    assert "Votre identifiant de connexion est votre N° Etranger" in created.text


async def test_the_password_is_checked_by_the_server_too(site: Site) -> None:
    data = {"usage": "creation", "jeton": JETON_LIEN}
    weak = await site.post(
        "/compte/mot-de-passe", {**data, "mot_de_passe": "court", "confirmation_mot_de_passe": "court"}
    )
    assert weak.status_code == 422 and "Format attendu" in weak.text and "fr-input-group--error" in weak.text
    assert 'aria-invalid="true"' in weak.text
    other = await site.post(
        "/compte/mot-de-passe",
        {**data, "mot_de_passe": "Bon.Mdp123", "confirmation_mot_de_passe": "Bon.Mdp124"},
    )
    assert "La confirmation du mot de passe ne correspond pas" in other.text
    hidden = await site.post(
        "/compte/mot-de-passe",
        {**data, "mot_de_passe": "Bon.Mdp\u200b123", "confirmation_mot_de_passe": "Bon.Mdp\u200b123"},
    )
    assert "aucun caractère invisible ou de contrôle" in html.unescape(hidden.text)
    for invisible in ["\u00a0", "\u202e", "\x1b"]:  # no-break space, bidi override, a C0 control
        mot_de_passe = f"Kq7w#Zr{invisible}2Pm"
        refused = await site.post(
            "/compte/mot-de-passe",
            {**data, "mot_de_passe": mot_de_passe, "confirmation_mot_de_passe": mot_de_passe},
        )
        assert refused.status_code == 422 and "caractère invisible" in refused.text, repr(invisible)
    assert site.comptes.demandes == []  # type: ignore[attr-defined]
    # identity's refusals, each under the password field
    for mot_de_passe, message in [
        ("Soleil.2024", "mots de passe les plus courants"),
        ("Sept.Lille-59", "ni votre nom, ni votre prénom, ni votre N° étranger"),
        ("Kq7w#5903007178", "ni votre nom, ni votre prénom, ni votre N° étranger"),
        ("Chocolat1!", "trop facile à deviner : il repose sur un mot"),
        ("Azer1234!", "trop facile à deviner : il suit des touches voisines du clavier"),
        ("Summer2026!", "trop facile à deviner"),
        ("Qwerty123!", "facile à deviner"),
    ]:
        refused = await site.post(
            "/compte/mot-de-passe",
            {**data, "mot_de_passe": mot_de_passe, "confirmation_mot_de_passe": mot_de_passe},
        )
        texte = html.unescape(refused.text)
        assert refused.status_code == 422 and message in texte, mot_de_passe
        erreur = texte.split('id="mot_de_passe-messages"', 1)[1].split("</div>", 1)[0]
        assert message in erreur and "fr-message--error" in erreur, mot_de_passe  # tied to its field
        assert 'aria-invalid="true"' in refused.text
        assert "Format attendu" in texte  # the guide's format stays shown beside the field


async def test_an_expired_link_says_so(site: Site) -> None:
    page = await site.http.get("/compte/confirmer?jeton=perime")
    assert page.status_code == 400 and "Ce lien n'est plus valide" in html.unescape(page.text)


async def test_password_reset_the_same_way(site: Site) -> None:
    asked = await site.post(
        "/compte/mot-de-passe-oublie", {"identifiant": "5903007178"}, page="/compte/mot-de-passe-oublie"
    )
    assert "Si un compte correspond à cet identifiant" in asked.text
    form = await site.http.get(f"/compte/reinitialiser?jeton={JETON_LIEN}")
    assert "Choisissez un nouveau mot de passe" in form.text
    done = await site.post(
        "/compte/mot-de-passe",
        {
            "usage": "reinitialisation",
            "jeton": JETON_LIEN,
            "mot_de_passe": "Autre.Mdp42",
            "confirmation_mot_de_passe": "Autre.Mdp42",
        },
    )
    assert "Votre mot de passe a bien été modifié." in done.text


async def test_sign_in_shows_the_signed_in_home_with_the_bell_then_sign_out(site: Site) -> None:
    site.notifications.ajouter("Demande de complément")
    await site.connecter()
    home = (await site.http.get("/")).text
    assert "Je demande ou renouvelle un titre de séjour" in home
    assert "Je déclare un changement de situation" in home and "Bientôt disponible" not in home
    assert "SEPT ETRANGER" in home and "Mes Notifications" in home
    assert '<span class="anef-pastille">1<span class="fr-sr-only"> non lue</span>' in home
    assert "12/09/2023" in home and "Demande de complément" in home
    assert site.notifications.acteurs == ["demandeur:compte-7"]
    out = await site.post("/deconnexion", {}, page="/")
    assert out.status_code == 303 and site.comptes.sessions == {}
    assert SESSION_COOKIE not in site.http.cookies
    assert "Vous avez déjà un compte" in (await site.http.get("/")).text


async def test_wrong_credentials_never_say_which_and_lockout_is_explained(site: Site) -> None:
    for identifiant in ("5903007178", "inconnu"):
        refused = await site.post("/connexion", {"identifiant": identifiant, "mot_de_passe": "Mauvais.1"})
        assert refused.status_code == 401 and "Identifiant ou mot de passe incorrect." in refused.text
    site.comptes.echecs = 5
    locked = await site.post(
        "/connexion", {"identifiant": "5903007178", "mot_de_passe": "Tournesol.Lille59!"}
    )
    assert "Trop de tentatives" in locked.text


async def test_the_bell_survives_a_notifier_outage(site: Site) -> None:
    site.notifications.indisponible = True
    await site.connecter()
    home = await site.http.get("/")
    assert home.status_code == 200 and "Vos notifications sont momentanément indisponibles." in home.text


async def test_signed_in_pages_need_a_session(site: Site) -> None:
    response = await site.http.get("/espace/changement-de-situation")
    assert response.status_code == 303 and response.headers["location"] == "/connexion"
    await site.connecter()
    page = await site.http.get("/espace/changement-de-situation")
    assert page.status_code == 200 and "Ma nouvelle adresse" in page.text
