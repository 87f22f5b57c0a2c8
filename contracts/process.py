"""What the renewal process model and its workers agree on: ids, jobs, messages, variables.

The BPMN model (bpmn/) is the source of truth for the flow; these names are its interface.
A process owner may change the flow freely; renaming one of these is a contract change.
Every worker is idempotent: the engine delivers a job at least once.
"""

from __future__ import annotations

from enum import StrEnum

PROCESS_ID = "renouvellement-titre-sejour-ase"


class JobType(StrEnum):
    """Service-task types, `<service>.<verbe>`. Each one's typed inputs, headers and outputs are its
    `JobContract` in `contracts.jobs.<service>` (all of them: `contracts.jobs.registry.CONTRACTS`)."""

    DOSSIER_ENREGISTRER = "dossier.enregistrer"
    DOSSIER_CHANGER_STATUT = "dossier.changer-statut"
    DOSSIER_OUVRIR_COMPLEMENTS = "dossier.ouvrir-complements"
    DOSSIER_ENREGISTRER_DECISION = "dossier.enregistrer-decision"
    DOSSIER_CLOTURER = "dossier.cloturer"
    DOSSIER_ALERTER = "dossier.alerter"
    DOCUMENTS_SCELLER = "documents.sceller"
    PDF_GENERER = "pdf.generer"
    NOTIFIER_NOTIFIER = "notifier.notifier"
    IDENTITY_ENREGISTRER_TITRE = "identity.enregistrer-titre"


class Header(StrEnum):
    MODELE = "modele"
    STATUT = "statut"
    MOTIF = "motif"
    ALERTE = "alerte"


class Modele(StrEnum):
    """Templates of generated PDFs and notifications (one name for both when they go together)."""

    CONFIRMATION_DEPOT = "confirmation-depot"
    DEMANDE_COMPLEMENTS = "demande-complements"
    ATTESTATION_PROLONGATION = "attestation-prolongation"
    ATTESTATION_DECISION_FAVORABLE = "attestation-decision-favorable"
    DECISION_REFUS = "decision-refus"
    TITRE_DISPONIBLE = "titre-disponible"
    CLOTURE_INCOMPLET = "cloture-incomplet"
    DESISTEMENT = "desistement"
    LISTE_PIECES = "liste-pieces"


class Message(StrEnum):
    """Messages published to the engine; their correlation key is given next to each."""

    NOTIFICATION_LUE = "notification-lue"  # key: notificationId
    COMPLEMENTS_DEPOSES = "complements-deposes"  # key: dossierId
    TITRE_DISPONIBLE = "titre-disponible"  # key: dossierId
    DESISTEMENT = "desistement"  # key: dossierId


class Variable(StrEnum):
    """Process variables set at start (by the dossier service on deposit) or by workers."""

    DOSSIER_ID = "dossierId"
    DEMANDEUR_ID = "demandeurId"
    CORRELATION_ID = "correlationId"
    NUMERO_DEMANDE = "numeroDemande"
    DATE_DEPOT = "dateDepot"
    CAS = "cas"  # "mineur", "mineur_emancipe", "majeur"
    PREFECTURE = "prefecture"  # candidate group of the instructing agents, e.g. "prefecture-59"
    DATE_FIN_VALIDITE_TITRE = "dateFinValiditeTitre"  # ISO date of the current title's end
    DEMANDEUR = "demandeur"  # contracts.variables.Demandeur
    PIECES_DEMANDEES = "piecesDemandees"  # list of contracts.variables.PieceDemandee, set by the agent's form
    DECISION = "decision"  # "favorable" | "defavorable" | "complements"
    MOTIF_DECISION = "motifDecision"
    NOTIFICATION_ID = "notificationId"
    DOCUMENT = "document"
    # Added with the model (bpmn/). Set by the model itself or by the agents' forms:
    RONDE_COMPLEMENTS = "rondeComplements"  # output of dossier.ouvrir-complements: 1, 2, ...
    # the notificationId of the current complement request, kept apart from other notifications'
    # ids; the `notification-lue` subscription is keyed on it (its value is still a notificationId)
    NOTIFICATION_COMPLEMENTS = "notificationComplements"
    VALIDATION_DECISION = "validationDecision"  # a Validation, set by the validation form
    OBSERVATION_VALIDATION = "observationValidation"  # the valideur's remarks when sending back
    COMMENTAIRE_ALERTE = "commentaireAlerte"  # set by the alert form
    # the day of the decision as the valideur records it (validation form, ISO date): the decision's
    # documents and the new title are dated from it, however late their jobs run
    DATE_DECISION = "dateDecision"
    # the response deadline of a complement round passed (ISO date, set by the model's timer) and
    # what the agent then decides (a SuiteSansReponse) with their remarks (form delai-reponse-expire)
    DATE_EXPIRATION_DELAI = "dateExpirationDelai"
    SUITE_SANS_REPONSE = "suiteSansReponse"
    COMMENTAIRE_SANS_REPONSE = "commentaireSansReponse"
    # the deadlines of the procedure (contracts.variables.Delais), set by the model's first task
    DELAIS = "delais"
    # the procedure's local rules, switched on or off by the model itself (bpmn/README.md), e.g.
    # `regles.notificationReputeeLue`; no service reads them
    REGLES = "regles"


class ChoixExamen(StrEnum):
    """Values of `decision` set by the examination form (the first two are contracts.dossier.Decision)."""

    FAVORABLE = "favorable"
    DEFAVORABLE = "defavorable"
    COMPLEMENTS = "complements"


class Validation(StrEnum):
    """Values of `validationDecision`, set by the validation form."""

    VALIDEE = "validee"
    RENVOYEE = "renvoyee"


class SuiteSansReponse(StrEnum):
    """Values of `suiteSansReponse`: what the agent decides once the response deadline has passed."""

    CLOTURER = "cloturer"  # close the application as incomplete
    POURSUIVRE = "poursuivre"  # close the round and examine again (decide, or ask anew)


class Alerte(StrEnum):
    """Values of the `alerte` header of dossier.alerter."""

    REJET_IMPLICITE = "rejet-implicite"


class Formulaire(StrEnum):
    """Camunda Forms (bpmn/forms/<id>.form) linked to the user tasks by `formId`."""

    EXAMEN_DEMANDE = "examen-demande"
    VALIDATION_DECISION = "validation-decision"
    TRAITEMENT_ALERTE = "traitement-alerte"
    DELAI_REPONSE_EXPIRE = "delai-reponse-expire"


# Candidate group of the second agent who validates a decision (instructing agents: `prefecture`).
GROUPE_VALIDEUR = "valideur"


# Default ports of the internal APIs, also the defaults of each service's settings.
SERVICE_PORTS = {
    "gateway": 8000,
    "backoffice": 8001,
    "identity": 8101,
    "dossier": 8102,
    "documents": 8103,
    "notifier": 8104,
    "pdf": 8105,
}
