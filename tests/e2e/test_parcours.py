"""The renewal end to end through the REAL services: engine, identity, dossier, documents, notifier,
pdf, NATS and the SMTP sink, started once for the module as `make run` starts them.

Each path uses its own person of the demo register (`python -m services.identity seed`), so the
paths are independent; the engine's clock moves time where a path needs weeks or months.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.identity.demonstration import personnes_demo
from services.identity.domain.registre import decaler_annees
from tests.e2e.plateforme import Demandeur, Plateforme

pytestmark = pytest.mark.e2e

PARIS = ZoneInfo("Europe/Paris")
PREFECTURE_NORD = "prefecture-59"
PREFECTURE_PDC = "prefecture-62"
MOT_DE_PASSE = "Renouvellement.2026!"
NOUVELLE_NOTIFICATION = "Vous venez de recevoir une notification"
HUIT = "huit.etranger@example.org"


def aujourdhui() -> date:
    return datetime.now(PARIS).date()


def titre_demo(numero_titre: str) -> dict[str, str]:
    """The register's title of a demo person, as the applicant types it to create an account."""
    fin = aujourdhui() + timedelta(days=60)
    debut = decaler_annees(fin, -1) + timedelta(days=1)
    assert any(p.numero_titre == numero_titre for p in personnes_demo(aujourdhui()))
    return {
        "numeroTitre": numero_titre,
        "dateDebutValidite": debut.isoformat(),
        "dateFinValidite": fin.isoformat(),
    }


def nouveau_compte(anef: Plateforme, numero_titre: str, courriel: str, identifiant: str | None) -> Demandeur:
    anef.creer_compte(titre_demo(numero_titre), courriel, MOT_DE_PASSE)
    return anef.connecter(identifiant or courriel, MOT_DE_PASSE)


def test_depot_puis_decision_favorable_et_titre_disponible(anef: Plateforme) -> None:
    huit = nouveau_compte(anef, "9900000008", HUIT, "5903007177")
    assert huit.fiche.etat_civil.prenoms == "Huit"
    instructeur = anef.agent("instructeur.nord", "Instruction-Nord-59")
    valideur = anef.agent("valideur.nord", "Validation-Nord-59")

    depose = anef.deposer(huit)
    dossier_id = depose["id"]
    assert depose["statut"] == "deposee"
    dossier = anef.statut_atteint(dossier_id, huit.acteur, "en_instruction")
    numero = dossier["numeroDemande"]
    assert numero and numero.startswith("5901") and len(numero) == 19
    assert anef.historique(dossier_id, huit.acteur) == [
        ("brouillon", "Demande en cours de saisie"),
        ("deposee", "Demande déposée"),
        ("en_instruction", "Demande en cours d'instruction"),
    ]

    [confirmation] = anef.document_genere(dossier_id, huit.acteur, "confirmation-depot")
    texte = anef.texte_pdf(dossier_id, huit.acteur, confirmation["id"])
    assert numero in texte and "ETRANGER" in texte and "5903007177" in texte
    [notification] = anef.notification(huit, "confirmation-depot")
    assert notification["numero_demande"] == numero
    detail = anef.ouvrir(huit, notification["id"])
    assert (
        f"Votre demande de titre de séjour n° {numero} a bien été enregistrée."
        in detail["contenu"]["paragraphes"][0]
    )
    assert [p["document_id"] for p in detail["pieces_jointes"]] == [confirmation["id"]]
    [courriel] = anef.mail(HUIT, "Confirmation du dépôt de votre demande")
    assert f"{confirmation['nomFichier']}" in anef.mail_brut(courriel["id"])  # the PDF attached

    # the agent of the préfecture sees the dossier; the examination and the validation
    vue_agent = anef.dossier(dossier_id, instructeur)
    assert (
        vue_agent["numeroDemande"] == numero
        and vue_agent["libelleStatut"] == "Demande en cours d'instruction"
    )
    assert [d["modele"] for d in anef.documents_generes(dossier_id, instructeur)] == ["confirmation-depot"]
    anef.examiner(PREFECTURE_NORD, dossier_id, {"decision": "favorable"})
    anef.valider(dossier_id)

    dossier = anef.statut_atteint(dossier_id, huit.acteur, "acceptee")
    [attestation] = anef.document_genere(dossier_id, huit.acteur, "attestation-decision-favorable")
    texte = anef.texte_pdf(dossier_id, huit.acteur, attestation["id"])
    for attendu in (
        "ATTESTATION DE DÉCISION FAVORABLE",
        "SUR UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
        f"N° de la demande : {numero}",
        "Identifiant (N° étranger) : 5903007177",
        "une décision favorable a été prise à la suite de votre demande d'admission au séjour.",
        "Une carte de séjour pluriannuelle, valable du",
        "portant la mention Vie privée et familiale",
        "225 €",
    ):
        assert attendu in texte, attendu
    [decision] = anef.notification(huit, "attestation-decision-favorable")
    assert decision["titre"] == "Notification de décision"
    assert any("a été acceptée" in p for p in anef.ouvrir(huit, decision["id"])["contenu"]["paragraphes"])
    anef.mail(HUIT, NOUVELLE_NOTIFICATION)

    # the new title in the register: the applicant's fiche now shows the pluriannual card
    def nouvelle_carte() -> dict[str, object] | None:
        fiche = anef.json("identity", "GET", f"/demandeurs/{huit.id}", huit.acteur)
        return fiche if fiche["titreEnCours"]["numero"] != "9900000008" else None

    from tests.e2e.plateforme import until

    fiche = until(nouvelle_carte, "le nouveau titre au registre")
    assert "pluriannuelle" in fiche["titreEnCours"]["type"].lower()

    anef.element_actif(dossier_id, "Event_TitreDisponible")
    anef.publier("titre-disponible", dossier_id, f"titre-disponible-{dossier_id}")
    anef.terminee(dossier_id)
    [invitation] = anef.notification(huit, "titre-disponible")
    assert "est disponible en préfecture" in anef.ouvrir(huit, invitation["id"])["contenu"]["paragraphes"][0]
    assert anef.historique(dossier_id, valideur)[-2:] == [
        ("acceptee", "Demande acceptée"),
        ("titre_disponible", "Titre disponible en préfecture"),
    ]
