"""E-mail requests, their templates in the seed's wording, and the retry policy."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from contracts.courriel import DemandeCourriel
from services.notifier.adapters.rendu import JinjaRedacteur, date_heure
from services.notifier.adapters.smtp import ConfigurationSmtp, composer
from services.notifier.domain.courriels import DemandeEnvoi, ModeleCourriel, PolitiqueReessai

pytestmark = pytest.mark.unit

NOTIFICATION_TEXTE = (
    "Bonjour,\n\n"
    "Vous venez de recevoir une notification, elle est accessible depuis votre espace personnel, pour y "
    "accéder vous pouvez cliquer sur le lien suivant :\n\n"
    "Se connecter : https://anef.example/connexion\n\n"
    "Cordialement,\n\n"
    "La Direction Générale des Etrangers en France\n\n"
    "Ce message est généré automatiquement, merci de ne pas y répondre.\n"
)


def demande(modele: str, **donnees: object) -> DemandeEnvoi:
    return DemandeEnvoi.model_validate(
        {"modele": modele, "destinataire": "septetranger@yopmail.com", "donnees": donnees, "idempotence": "k"}
    )


def test_every_e_mail_of_the_contract_has_a_template() -> None:
    """The contract names every template, the notifier's own (notification, confirmation-depot) too."""
    assert {m.value for m in ModeleCourriel} == {
        "confirmation-compte",
        "reinitialisation-mot-de-passe",
        "compte-bloque",
        "notification",
        "confirmation-depot",
    }
    redacteur = JinjaRedacteur()
    for modele in ModeleCourriel:
        courriel = redacteur.rediger(demande(modele, lien="https://anef.example/lien"))
        assert courriel.texte.startswith("Bonjour") and '<html lang="fr">' in courriel.html


def test_the_lockout_e_mail_tells_the_owner_until_when_and_how_to_change_the_password() -> None:
    courriel = JinjaRedacteur().rediger(
        demande(
            "compte-bloque",
            lien="https://anef.example/compte/mot-de-passe-oublie",
            expiration="2026-03-02T10:15+01:00",
            prenoms="SEPT",
            nom="Etranger",
        )
    )

    assert courriel.sujet == "ANEF - Connexion à votre compte temporairement bloquée"
    assert courriel.texte.startswith("Bonjour Sept ETRANGER,\n\nPlusieurs tentatives de connexion")
    assert "bloquée jusqu'au 02/03/2026 à 10h15" in courriel.texte
    assert "Changer mon mot de passe : https://anef.example/compte/mot-de-passe-oublie" in courriel.texte


def test_the_notification_e_mail_is_the_seeds() -> None:
    courriel = JinjaRedacteur().rediger(demande("notification", lien="https://anef.example/connexion"))

    assert courriel.texte == NOTIFICATION_TEXTE
    assert courriel.sujet == "ANEF - Vous venez de recevoir une notification"
    assert 'href="https://anef.example/connexion"' in courriel.html and ">Se connecter</a>" in courriel.html


def test_the_deposit_e_mail_is_the_seeds() -> None:
    texte = JinjaRedacteur().rediger(demande("confirmation-depot", prenoms="SEPT", nom="Etranger")).texte

    assert texte.startswith(
        "Bonjour Sept ETRANGER\n\n"
        "Votre demande de titre de séjour a bien été enregistrée. Elle sera instruite par les services de "
        "l'Etat.\n\n"
        "Vous serez informé(e) de l'état d'avancement de votre dossier et, si nécessaire, d'une demande de "
        "pièces complémentaires, par message électronique vous invitant à vous connecter à votre espace sur "
        "le site de l'administration numérique pour les étrangers en France.\n"
    )
    assert texte.endswith("Cordialement,\n\nLa Direction Générale des Etrangers en France\n")


def test_account_e_mails_give_the_link_and_its_expiry_in_paris_time() -> None:
    redacteur = JinjaRedacteur()
    confirmation = redacteur.rediger(
        demande(
            "confirmation-compte", lien="https://anef.example/c?jeton=a&b", expiration="2023-08-18T12:30:00Z"
        )
    )
    reset = redacteur.rediger(demande("reinitialisation-mot-de-passe", lien="https://anef.example/r"))

    assert "Confirmer mon adresse email : https://anef.example/c?jeton=a&b" in confirmation.texte
    assert "expire le 18/08/2023 à 14h30" in confirmation.texte
    assert 'href="https://anef.example/c?jeton=a&amp;b"' in confirmation.html  # escaped in HTML
    assert "Votre identifiant de connexion sera votre N° Etranger." in confirmation.texte
    sans_numero = redacteur.rediger(
        demande("confirmation-compte", lien="https://anef.example/c", identifiant="douze@exemple.fr")
    )
    assert "Votre identifiant de connexion sera votre adresse email." in sans_numero.texte
    assert "Votre identifiant de connexion sera votre adresse email." in sans_numero.html
    assert "N° Etranger" not in sans_numero.texte
    assert "Créer mon nouveau mot de passe : https://anef.example/r" in reset.texte


def test_html_escapes_what_the_request_carries() -> None:
    html = JinjaRedacteur().rediger(demande("confirmation-depot", prenoms="<script>", nom="x")).html

    assert "<script>" not in html and "&lt;Script&gt;" in html


def test_requests_are_validated() -> None:
    with pytest.raises(ValidationError):
        demande("inconnu")
    with pytest.raises(ValidationError):
        DemandeEnvoi.model_validate(
            {"modele": "notification", "destinataire": "pas une adresse", "idempotence": "k"}
        )
    assert demande("notification").donnees_manquantes() == ["lien"]
    assert demande("confirmation-depot").donnees_manquantes() == []


def test_the_mime_message_has_text_and_html() -> None:
    courriel = JinjaRedacteur().rediger(demande("notification", lien="https://anef.example/connexion"))
    message = composer(
        courriel, ConfigurationSmtp(host="localhost", port=25, expediteur="ne-pas-repondre@anef.fr")
    )

    assert message["To"] == "septetranger@yopmail.com"
    assert "<ne-pas-repondre@anef.fr>" in message["From"]
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]


def test_retries_wait_longer_each_time_then_give_up() -> None:
    politique = PolitiqueReessai(delai_initial=5, delai_maximum=60, livraisons_max=4)

    assert [politique.delai(n) for n in (1, 2, 3, 4, 5)] == [5, 10, 20, 40, 60]
    assert [politique.abandonner(n) for n in (1, 3, 4)] == [False, False, True]


def test_dates_that_are_not_dates_are_shown_as_given() -> None:
    assert date_heure("bientôt") == "bientôt"
    assert date_heure("2023-12-25T09:05:00") == "25/12/2023 à 10h05"


def test_a_request_as_the_contract_publishes_it_is_what_the_queue_reads() -> None:
    publiee = DemandeCourriel(
        modele=ModeleCourriel.CONFIRMATION_DEPOT,
        destinataire="sept@example.org",
        donnees={"prenoms": "SEPT", "nom": "ETRANGER"},
        idempotence="notification-n-1",
        pieces_jointes=[{"dossier_id": "d-1", "document_id": "doc-1", "nom_fichier": "confirmation.pdf"}],
    )
    lue = DemandeEnvoi.model_validate_json(publiee.model_dump_json())
    assert lue.model_dump() == publiee.model_dump()
    assert lue.donnees_manquantes() == []
