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
from tests.e2e.plateforme import Demandeur, Plateforme, until
from tests.services.documents.echantillons import pdf

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


PIECES_DEMANDEES = [
    {"piece": "justificatif-nationalite", "observation": "La copie du passeport est illisible."},
    {"piece": "justificatif-domicile", "observation": "Le justificatif date de plus de 6 mois."},
]
LIBELLES = {
    "justificatif-nationalite": "Justificatif de nationalité",
    "justificatif-domicile": "Justificatif de domicile datant de moins de 6 mois",
}


def demander_complements(anef: Plateforme, demandeur: Demandeur, dossier_id: str) -> dict[str, object]:
    """The agent asks for 2 pieces; the applicant's notification, once it is there."""
    anef.examiner(
        PREFECTURE_NORD, dossier_id, {"decision": "complements", "piecesDemandees": PIECES_DEMANDEES}
    )
    anef.statut_atteint(dossier_id, demandeur.acteur, "complements_demandes")
    [demande] = anef.notification(demandeur, "demande-complements")
    return demande


def test_complements_demandes_puis_fournis(anef: Plateforme) -> None:
    sept = anef.connecter("5903007178", "Sept.Etranger59!")
    dossier_id = anef.deposer(sept)["id"]
    anef.statut_atteint(dossier_id, sept.acteur, "en_instruction")
    demande = demander_complements(anef, sept, dossier_id)
    assert demande["etat"] == "non-lue" and demande["attend_reponse"]
    anef.mail("septetranger@yopmail.com", NOUVELLE_NOTIFICATION)

    # the round as the dossier shows it, and the notification's text: French labels, not codes
    [ronde] = anef.json("dossier", "GET", f"/dossiers/{dossier_id}/complements", sept.acteur)
    assert [(p["piece"], p["libelle"], p["observation"]) for p in ronde["pieces"]] == [
        (p["piece"], LIBELLES[p["piece"]], p["observation"]) for p in PIECES_DEMANDEES
    ]
    detail = anef.ouvrir(sept, str(demande["id"]))
    contenu = detail["contenu"]
    assert [(p["libelle"], p["observation"]) for p in contenu["pieces_demandees"]] == [
        (LIBELLES[p["piece"]], p["observation"]) for p in PIECES_DEMANDEES
    ]
    assert "dans un délai de 30 jours" in contenu["avertissement"]
    assert detail["lue_le"] is not None

    # the first opening is the acknowledgement of receipt: `notification-lue` reaches the engine once
    anef.element_actif(dossier_id, "Event_DelaiTrenteJours")
    anef.ouvrir(sept, str(demande["id"]))
    assert anef.passages(dossier_id, "Event_NotificationLue") == 1

    # « Maintenir le document » with a reason, « Mettre à jour le document » with a new file
    chemin = f"/dossiers/{dossier_id}/complements/1/pieces"
    anef.json(
        "dossier",
        "PUT",
        f"{chemin}/justificatif-nationalite",
        sept.acteur,
        json={"reponse": "maintenir", "motif": "C'est la seule copie de mon passeport."},
    )
    nouveau = anef.json(
        "documents",
        "POST",
        f"/dossiers/{dossier_id}/pieces/justificatif-domicile/versions",
        sept.acteur,
        files=[("fichiers", ("quittance-recente.pdf", pdf(), "application/pdf"))],
        data={"ronde": "1"},
        expect=201,
    )
    assert nouveau[0]["version"] == 2 and nouveau[0]["ronde"] == 1
    anef.json(
        "dossier",
        "PUT",
        f"{chemin}/justificatif-domicile",
        sept.acteur,
        json={"reponse": "mettre_a_jour", "message": "Voici ma quittance de ce mois."},
    )
    envoyee = anef.json("dossier", "POST", f"/dossiers/{dossier_id}/complements/1/envoi", sept.acteur)
    assert envoyee["envoyeeLe"] is not None
    anef.json("notifier", "POST", f"/notifications/{demande['id']}/reponse", sept.acteur)

    # back to the examination; the documents are frozen again, the old version kept
    anef.statut_atteint(dossier_id, sept.acteur, "complements_deposes")
    anef.tache(PREFECTURE_NORD, dossier_id, "UserTask_ExaminerDemande")

    def pieces_scellees() -> dict[str, object] | None:
        pieces = anef.json("documents", "GET", f"/dossiers/{dossier_id}/pieces", sept.acteur)
        return pieces if pieces["scelle"] and pieces["rondeComplements"] is None else None

    pieces = until(pieces_scellees, "les justificatifs scellés après les compléments")
    [domicile] = [p for p in pieces["pieces"] if p["code"] == "justificatif-domicile"]
    assert [f["statut"] for f in domicile["fichiers"]] == ["scelle"]
    assert [f["statut"] for f in domicile["anciennesVersions"]] == ["remplace"]
    agent = anef.agent("instructeur.nord", "Instruction-Nord-59")
    [vue_agent] = anef.json("dossier", "GET", f"/dossiers/{dossier_id}/complements", agent)
    assert [p["reponse"] for p in vue_agent["pieces"]] == ["maintenir", "mettre_a_jour"]
    assert vue_agent["pieces"][0]["motif"] == "C'est la seule copie de mon passeport."
    assert vue_agent["pieces"][1]["message"] == "Voici ma quittance de ce mois."

    anef.examiner(PREFECTURE_NORD, dossier_id, {"decision": "favorable"})
    anef.valider(dossier_id)
    anef.statut_atteint(dossier_id, sept.acteur, "acceptee")
    assert [s for s, _ in anef.historique(dossier_id, sept.acteur)] == [
        "brouillon",
        "deposee",
        "en_instruction",
        "complements_demandes",
        "complements_deposes",
        "acceptee",
    ]
    anef.document_genere(dossier_id, sept.acteur, "attestation-decision-favorable")
    assert anef.incidents(dossier_id) == []
