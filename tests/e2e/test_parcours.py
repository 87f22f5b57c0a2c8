"""The renewal end to end through the REAL services: engine, identity, dossier, documents, notifier,
pdf, NATS and the SMTP sink, started once for the module as `make run` starts them.

Each path uses its own person of the demo register (`python -m devtools.seed`), so the
paths are independent; the engine's clock moves time where a path needs weeks or months.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from devtools.seed import personnes_demo
from services.identity.domain.registre import decaler_annees
from services.pdf.domain.dates import ajouter_mois
from tests.e2e.plateforme import Demandeur, Plateforme, until
from tests.services.documents.echantillons import pdf

pytestmark = pytest.mark.e2e

PARIS = ZoneInfo("Europe/Paris")
PREFECTURE_NORD = "prefecture-59"
PREFECTURE_PDC = "prefecture-62"
MOT_DE_PASSE = "Renouvellement.2026!"
NOUVELLE_NOTIFICATION = "Vous venez de recevoir une notification"
HUIT = "huit.etranger@example.org"
NEUF = "neuf.etranger@example.org"
DIX = "dix.etranger@example.org"
ONZE = "onzeetranger@yopmail.com"
DOUZE = "douze.etranger@example.org"


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
    assert notification["numeroDemande"] == numero
    detail = anef.ouvrir(huit, notification["id"])
    assert (
        f"Votre demande de titre de séjour n° {numero} a bien été enregistrée."
        in detail["contenu"]["paragraphes"][0]
    )
    assert [p["documentId"] for p in detail["piecesJointes"]] == [confirmation["id"]]
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
        f"Le {aujourdhui():%d/%m/%Y}, une décision favorable a été prise à la suite de votre demande",
        f"valable du {aujourdhui() + timedelta(days=1):%d/%m/%Y} au",
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
    {
        "piece": "justificatif-domicile",
        "motif": "perime",
        "observation": "Le justificatif date de plus de 6 mois.",
    },
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
    sept = anef.connecter("5903007178", "Tournesol.Lille59!")
    dossier_id = anef.deposer(sept)["id"]
    anef.statut_atteint(dossier_id, sept.acteur, "en_instruction")
    demande = demander_complements(anef, sept, dossier_id)
    assert demande["etat"] == "non-lue" and demande["attendReponse"]
    anef.mail("septetranger@yopmail.com", NOUVELLE_NOTIFICATION)

    # the round as the dossier shows it, and the notification's text: French labels, not codes
    [ronde] = anef.json("dossier", "GET", f"/dossiers/{dossier_id}/complements", sept.acteur)
    assert [(p["piece"], p["libelle"], p["observation"]) for p in ronde["pieces"]] == [
        (p["piece"], LIBELLES[p["piece"]], p["observation"]) for p in PIECES_DEMANDEES
    ]
    detail = anef.ouvrir(sept, str(demande["id"]))
    contenu = detail["contenu"]
    assert [(p["libelle"], p["observation"]) for p in contenu["piecesDemandees"]] == [
        (LIBELLES[p["piece"]], p["observation"]) for p in PIECES_DEMANDEES
    ]
    assert "dans un délai de 30 jours" in contenu["avertissement"]
    assert [p["phrase"] for p in contenu["piecesDemandees"]] == [
        "Les documents mentionnés ci-dessous ne sont pas lisibles :",
        "Les documents mentionnés ci-dessous ne sont plus en cours de validité :",
    ]
    fichiers = {p["piece"]: [f["nomFichier"] for f in p["fichiers"]] for p in contenu["piecesDemandees"]}
    assert fichiers["justificatif-domicile"]  # each examined file, with « VOIR LE DOCUMENT »
    assert contenu["objet"] == "Demande de compléments n° 1" and detail["dateLimiteReponse"] is not None
    assert detail["lueLe"] is not None

    # the first opening is the acknowledgement of receipt: `notification-lue` reaches the engine once
    anef.element_actif(dossier_id, "Event_DelaiTrenteJours")
    anef.ouvrir(sept, str(demande["id"]))
    assert anef.passages(dossier_id, "Event_NotificationOuverte") == 1

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
    # « Demande de complément répondu »: the notifier follows the dossier's event, no second call
    until(
        lambda: anef.ouvrir(sept, str(demande["id"]))["etat"] == "repondue" or None,
        "la demande de complément notée répondue",
    )

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


def test_complements_jamais_fournis_cloture_pour_dossier_incomplet(anef: Plateforme) -> None:
    """Opened, then 30 days without an answer: an agent decides to close the dossier as incomplete."""
    neuf = nouveau_compte(anef, "9900000009", NEUF, "5903007179")
    dossier_id = anef.deposer(neuf)["id"]
    assert anef.statut_atteint(dossier_id, neuf.acteur, "en_instruction")["cas"] == "mineur"
    demande_complements = demander_complements(anef, neuf, dossier_id)
    anef.element_actif(dossier_id, "Event_NotificationOuverte")

    anef.horloge.advance(timedelta(days=20))  # unopened: no deadline runs (the 15-day rule is off)
    anef.element_actif(dossier_id, "Event_NotificationOuverte")
    assert anef.ouvrir(neuf, str(demande_complements["id"]))["etat"] == "lue"  # opened on day 20
    anef.element_actif(dossier_id, "Event_DelaiTrenteJours")
    anef.horloge.advance(timedelta(days=30, minutes=1))

    anef.tache(PREFECTURE_NORD, dossier_id, "UserTask_StatuerSansReponse")  # the model does not close
    assert anef.dossier(dossier_id, neuf.acteur)["statut"] == "complements_demandes"
    anef.statuer_sans_reponse(PREFECTURE_NORD, dossier_id, "cloturer")
    anef.statut_atteint(dossier_id, neuf.acteur, "cloturee_incomplete")
    anef.terminee(dossier_id)
    assert anef.historique(dossier_id, neuf.acteur)[-1] == (
        "cloturee_incomplete",
        "Demande clôturée : dossier incomplet",
    )
    [cloture] = anef.notification(neuf, "cloture-incomplet")
    texte = " ".join(anef.ouvrir(neuf, cloture["id"])["contenu"]["paragraphes"])
    assert (
        "a été clôturée : les compléments demandés n'ont pas été apportés dans le délai de 30 jours" in texte
    )
    anef.mail(NEUF, NOUVELLE_NOTIFICATION, count=2)
    assert anef.incidents(dossier_id) == []


def test_refus_puis_nouvelle_demande_et_desistement(anef: Plateforme) -> None:
    onze = anef.connecter("6203007181", "Beffroi.Arras62!")
    instructeur = anef.agent("instructeur.pas-de-calais", "Instruction-PdC-62")
    dossier_id = anef.deposer(onze)["id"]
    numero = anef.statut_atteint(dossier_id, onze.acteur, "en_instruction")["numeroDemande"]
    assert numero.startswith("6201")
    assert anef.dossier(dossier_id, instructeur)["prefecture"] == "62"
    motif = "Vous ne justifiez pas du caractère réel et sérieux du suivi de votre formation."
    anef.examiner(PREFECTURE_PDC, dossier_id, {"decision": "defavorable", "motifDecision": motif})
    anef.valider(dossier_id)

    anef.statut_atteint(dossier_id, onze.acteur, "refusee")
    anef.terminee(dossier_id)
    assert anef.dossier(dossier_id, onze.acteur)["decision"]["motif"] == motif
    [refus] = anef.document_genere(dossier_id, onze.acteur, "decision-refus")
    texte = anef.texte_pdf(dossier_id, onze.acteur, refus["id"])
    assert numero in texte and "formation" in texte and "recours" in texte.lower()
    [notification] = anef.notification(onze, "decision-refus")
    paragraphes = anef.ouvrir(onze, notification["id"])["contenu"]["paragraphes"]
    assert f"Motif de la décision : {motif}" in paragraphes
    assert [p["documentId"] for p in anef.ouvrir(onze, notification["id"])["piecesJointes"]] == [refus["id"]]
    anef.mail(ONZE, NOUVELLE_NOTIFICATION)

    # a new application after the refusal, withdrawn during its instruction
    second_id = anef.deposer(onze)["id"]
    assert second_id != dossier_id
    anef.tache(PREFECTURE_PDC, second_id, "UserTask_ExaminerDemande")
    desiste = anef.json("dossier", "POST", f"/dossiers/{second_id}/desistement", onze.acteur)
    assert desiste["desistementLe"] is not None
    anef.statut_atteint(second_id, onze.acteur, "desistement")
    anef.terminee(second_id)
    assert anef.historique(second_id, onze.acteur)[-1] == ("desistement", "Demande clôturée : désistement")
    [desistement] = anef.notification(onze, "desistement")
    assert desistement["dossierId"] == second_id
    assert "Votre demande a été clôturée et ne sera pas instruite." in " ".join(
        anef.ouvrir(onze, desistement["id"])["contenu"]["paragraphes"]
    )
    assert (
        anef.search(
            "/v2/user-tasks/search", {"processInstanceKey": str(anef.instance(second_id)), "state": "CREATED"}
        )
        == []
    )


def minuit_utc(jour: date) -> datetime:
    return datetime(jour.year, jour.month, jour.day, tzinfo=UTC)


def test_deux_prolongations_d_instruction(anef: Plateforme) -> None:
    """A visa holder is told by the dossier that this procedure is not hers; ONZE's title ends in
    60 days: an attestation the day after, and another 3 months later."""
    douze = nouveau_compte(anef, "9900000012", DOUZE, None)  # a visa: no N° étranger, the e-mail logs in
    assert douze.fiche.numero_etranger is None
    refus = anef.call("dossier", "POST", "/dossiers", douze.acteur, expect=403, json={"pour": "moi-meme"})
    assert "relève d'une autre démarche" in refus.json()["detail"]
    onze = anef.connecter("6203007181", "Beffroi.Arras62!")  # his earlier applications are closed
    dossier_id = anef.deposer(onze)["id"]
    numero = anef.statut_atteint(dossier_id, onze.acteur, "en_instruction")["numeroDemande"]
    fin_titre = onze.fiche.titre_en_cours.date_fin
    premier = fin_titre + timedelta(days=1)
    second = ajouter_mois(premier, 3)

    anef.horloge.at(minuit_utc(premier) + timedelta(minutes=1))
    assert len(anef.document_genere(dossier_id, onze.acteur, "attestation-prolongation")) == 1
    anef.horloge.at(minuit_utc(second) + timedelta(minutes=1))
    attestations = anef.document_genere(dossier_id, onze.acteur, "attestation-prolongation", count=2)

    periodes = [(premier, second - timedelta(days=1)), (second, ajouter_mois(second, 3) - timedelta(days=1))]
    for document, (debut, fin) in zip(attestations, periodes, strict=True):
        texte = anef.texte_pdf(dossier_id, onze.acteur, document["id"])
        assert "ATTESTATION DE PROLONGATION D'INSTRUCTION" in texte
        assert f"N° de la demande : {numero}" in texte
        assert f"Validité : du {debut:%d/%m/%Y} au {fin:%d/%m/%Y}" in texte, texte
        assert f"entre le {debut:%d/%m/%Y} et le {fin:%d/%m/%Y}" in texte
    notifications = anef.notification(onze, "attestation-prolongation", count=2)
    assert {n["titre"] for n in notifications} == {"Notification de prolongation de l'instruction"}
    assert sorted(
        anef.ouvrir(onze, n["id"])["piecesJointes"][0]["documentId"] for n in notifications
    ) == sorted(d["id"] for d in attestations)
    # four months without a decision: the agents are alerted (not a decision)
    agent = anef.agent("instructeur.pas-de-calais", "Instruction-PdC-62")
    until(lambda: anef.dossier(dossier_id, agent)["alertes"], "l'alerte de rejet implicite")
    anef.tache(PREFECTURE_PDC, dossier_id, "UserTask_TraiterAlerte")
    assert anef.dossier(dossier_id, onze.acteur)["statut"] == "en_instruction"

    anef.json("dossier", "POST", f"/dossiers/{dossier_id}/desistement", onze.acteur)
    anef.terminee(dossier_id)
    assert len(anef.documents_generes(dossier_id, onze.acteur)) == 3  # the deposit's and two attestations


def test_services_arretes_en_cours_de_route_rien_n_est_perdu(anef: Plateforme) -> None:
    """pdf stopped at the deposit: its job waits for it. documents stopped at the decision: pdf's job
    fails, is retried, then raises an incident; documents back, the operator retries, the path goes on."""
    dix = nouveau_compte(anef, "9900000010", DIX, "5903007180")
    anef.stack.stop("pdf")
    dossier_id = anef.deposer(dix, emancipe=True)["id"]
    assert anef.statut_atteint(dossier_id, dix.acteur, "deposee")["cas"] == "mineur_emancipe"
    anef.element_actif(dossier_id, "Task_GenererConfirmationDepot")
    assert anef.documents_generes(dossier_id, dix.acteur) == []
    anef.stack.start("pdf")
    anef.attendre_service("pdf")
    anef.document_genere(dossier_id, dix.acteur, "confirmation-depot")
    anef.statut_atteint(dossier_id, dix.acteur, "en_instruction")
    anef.mail(DIX, "Confirmation du dépôt de votre demande")

    anef.stack.stop("documents")
    anef.examiner(PREFECTURE_NORD, dossier_id, {"decision": "favorable"})
    anef.valider(dossier_id)
    anef.statut_atteint(dossier_id, dix.acteur, "acceptee")
    [incident] = until(lambda: anef.incidents(dossier_id), "un incident sur la génération de l'attestation")
    assert incident["elementId"] == "Task_GenererAttestationFavorable"
    assert incident["errorType"] == "JOB_NO_RETRIES"
    assert (
        "nom" not in incident["errorMessage"].lower() and "etranger" not in incident["errorMessage"].lower()
    )

    anef.stack.start("documents")
    anef.attendre_service("documents")
    anef.reprendre(incident)
    [attestation] = anef.document_genere(dossier_id, dix.acteur, "attestation-decision-favorable")
    assert "ATTESTATION DE DÉCISION FAVORABLE" in anef.texte_pdf(dossier_id, dix.acteur, attestation["id"])
    anef.notification(dix, "attestation-decision-favorable")
    anef.element_actif(dossier_id, "Event_TitreDisponible")
    assert anef.incidents(dossier_id) == []
    anef.mail(DIX, NOUVELLE_NOTIFICATION)
    assert [d["modele"] for d in anef.documents_generes(dossier_id, dix.acteur)] == [
        "confirmation-depot",
        "attestation-decision-favorable",
    ]
