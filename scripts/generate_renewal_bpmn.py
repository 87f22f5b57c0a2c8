"""Draws `bpmn/renouvellement-titre-sejour-ase.bpmn`: the renewal process and its layout.

Run once, review the diff, commit the XML: `python -m scripts.generate_renewal_bpmn`. After that the
XML is what process owners edit in Camunda Modeler; regenerate only while the model is young.
Job types, headers, messages, statuses and variable names come from `contracts`.
"""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from contracts.dossier import ErreurMetier, MotifCloture, Statut
from contracts.process import (
    GROUPE_VALIDEUR,
    PROCESS_ID,
    Alerte,
    ChoixExamen,
    Formulaire,
    Header,
    JobType,
    Message,
    Modele,
    Validation,
    Variable,
)
from scripts.bpmn_layout import Diagram, check_layout, to_xml

OUTPUT = Path(__file__).resolve().parent.parent / "bpmn" / f"{PROCESS_ID}.bpmn"
ERREUR_INCOMPLETE = "demande-incomplete"  # thrown and caught inside the model


def job(job_type: JobType, **headers: str) -> list[str]:
    ext = [f'<zeebe:taskDefinition type={quoteattr(job_type)} retries="3" />']
    if headers:
        ext.append("<zeebe:taskHeaders>")
        ext += [f"  <zeebe:header key={quoteattr(k)} value={quoteattr(v)} />" for k, v in headers.items()]
        ext.append("</zeebe:taskHeaders>")
    return ext


def user_task(form: Formulaire, candidate_groups: str, priority: int | None = None) -> list[str]:
    ext = [
        "<zeebe:userTask />",
        f"<zeebe:formDefinition formId={quoteattr(form)} />",
        f"<zeebe:assignmentDefinition candidateGroups={quoteattr(candidate_groups)} />",
    ]
    if priority is not None:
        ext.append(f'<zeebe:priorityDefinition priority="{priority}" />')
    return ext


def timer(id: str, kind: str, value: str) -> list[str]:
    return [
        f'<bpmn:timerEventDefinition id="{id}">'
        f'<bpmn:{kind} xsi:type="bpmn:tFormalExpression">{escape(value)}</bpmn:{kind}>'
        "</bpmn:timerEventDefinition>"
    ]


def message(id: str, ref: str) -> list[str]:
    return [f'<bpmn:messageEventDefinition id="{id}" messageRef="{ref}" />']


def error(id: str, ref: str) -> list[str]:
    return [f'<bpmn:errorEventDefinition id="{id}" errorRef="{ref}" />']


def status(statut: Statut) -> list[str]:
    return job(JobType.DOSSIER_CHANGER_STATUT, **{Header.STATUT: statut})


def pdf(modele: Modele) -> list[str]:
    return job(JobType.PDF_GENERER, **{Header.MODELE: modele})


def notify(modele: Modele) -> list[str]:
    return job(JobType.NOTIFIER_NOTIFIER, **{Header.MODELE: modele})


def eq(variable: Variable, value: str) -> str:
    return f'={variable} = "{value}"'


# -- documentation for process owners ------------------------------------------------------------
DOC_PROCESS = (
    "Renouvellement en ligne du titre de séjour « Vie privée et familiale » d'un jeune étranger confié "
    "à l'Aide sociale à l'enfance (ASE) ou à un tiers digne de confiance : mineur non émancipé, mineur "
    "émancipé ou majeur. Le service dossier crée l'instance au dépôt définitif de la demande, avec les "
    "variables dossierId, demandeurId et correlationId. Les types de tâches, en-têtes, messages et noms de "
    "variables forment le contrat avec les services (contracts/process.py) : les changer demande une "
    "évolution des services. Les délais (minuteurs), les groupes d'agents et l'enchaînement des étapes se "
    "modifient ici, sans changer le code."
)
DOC = {
    "Task_EnregistrerDemande": (
        "Attribue à la demande déposée son numéro (département, guichet, date, numéro d'ordre du jour, "
        "ex. 5901202308180000190) et renseigne numeroDemande, dateDepot, cas, prefecture, "
        "dateFinValiditeTitre et demandeur."
    ),
    "Task_ScellerDossier": (
        "Après le dépôt, la demande et ses justificatifs ne sont plus modifiables : les documents sont "
        "figés (empreinte sha256)."
    ),
    "Task_GenererConfirmationDepot": (
        "PDF « Confirmation du dépôt d'une demande de renouvellement de titre de séjour » : preuve du "
        "dépôt, qui n'autorise ni le séjour ni le franchissement des frontières."
    ),
    "Task_NotifierDepot": "Courriel de confirmation de dépôt avec le PDF, et notification dans l'espace personnel.",
    "SubProcess_Instruction": (
        "Instruction par les agents de la préfecture. Pendant toute l'instruction : attestation de "
        "prolongation tous les 3 mois après la fin de validité du titre, alerte à 4 mois sans décision, "
        "désistement possible du demandeur. Elle se termine par une décision validée et enregistrée, un "
        "désistement ou la clôture d'une demande incomplète."
    ),
    "UserTask_ExaminerDemande": (
        "Tâche des agents instructeurs de la préfecture compétente (groupe candidat : la variable "
        "prefecture, ex. prefecture-59). L'agent examine la demande et ses justificatifs puis propose une "
        "décision favorable, une décision défavorable motivée, ou une demande de compléments listant "
        "chaque pièce avec son observation (formulaire examen-demande)."
    ),
    "UserTask_ValiderDecision": (
        "Contrôle à quatre yeux : un second agent, du groupe « valideur », valide la décision proposée ou "
        "la renvoie à l'instructeur avec ses observations (formulaire validation-decision). La liste de "
        "tâches refuse que l'instructeur valide sa propre décision."
    ),
    "Task_EnregistrerDecision": (
        "Enregistre la décision validée (decision, motifDecision) : le dossier passe au statut « Demande "
        "acceptée » ou « Demande refusée » et le désistement n'est plus possible."
    ),
    "End_DecisionValidee": (
        "Fin de terminaison : la décision enregistrée met fin à toute l'instruction, y compris au cycle des "
        "attestations de prolongation et à une alerte de rejet implicite encore ouverte."
    ),
    "SubProcess_DemandeComplements": (
        "Une ronde de demande de compléments ; plusieurs rondes sont possibles (retour à l'examen). Le "
        "demandeur répond à chaque document : « Maintenir le document » avec un motif, ou « Mettre à jour "
        "le document » avec de nouveaux fichiers et un message."
    ),
    "Task_OuvrirComplements": (
        "Ouvre la ronde (rondeComplements = 1, 2, ...) avec les pièces demandées et leurs observations ; "
        "le dossier passe au statut « Demande de complément »."
    ),
    "Task_NotifierComplements": (
        "Notification « Demande de complément » listant chaque document et l'observation de l'agent, avec "
        "l'avertissement des 30 jours, et courriel « Vous venez de recevoir une notification ». "
        "L'identifiant de la notification est gardé dans notificationComplements pour reconnaître son "
        "ouverture."
    ),
    "SubProcess_AttenteReponse": (
        "Attente de la réponse du demandeur. La réponse (message « complements-deposes ») est acceptée à "
        "tout moment de l'attente, même avant l'ouverture de la notification."
    ),
    "Gateway_NotificationOuverte": (
        "Le délai de réponse commence à l'ouverture de la notification, ou au plus tard 15 jours après sa "
        "mise à disposition."
    ),
    "Event_NotificationLue": (
        "Message « notification-lue » publié par le service notifier à la première ouverture de la "
        "notification ; clé de corrélation : l'identifiant de la notification de demande de compléments. "
        "Guide usager : « L'ouverture d'une notification fait office, pour l'administration, d'accusé de "
        "réception et déclenche donc le délai dans lequel vous devez répondre »."
    ),
    "Event_QuinzeJours": (
        "Minuteur de 15 jours (P15D). Un message déposé dans l'espace personnel est réputé notifié à sa "
        "première consultation ou, à défaut de consultation, à l'issue d'un délai de quinze jours "
        "calendaires après sa mise à disposition (règle des téléservices du ministère de l'Intérieur, "
        "par exemple l'arrêté du 3 février 2023, article 3). Le délai de réponse de 30 jours court alors "
        "comme si la notification avait été ouverte."
    ),
    "Event_DelaiTrenteJours": (
        "Minuteur de 30 jours (P30D) après la prise de connaissance de la demande : « Si vous n'apportez "
        "pas les compléments nécessaires dans un délai de 30 jours après avoir pris connaissance de ce "
        "message, votre demande pourra être considérée comme incomplète [...] et elle sera clôturée »."
    ),
    "End_DelaiExpire": "Le délai de réponse est écoulé sans que le demandeur ait envoyé ses compléments.",
    "End_DemandeIncomplete": (
        "Lève l'erreur métier « demande-incomplete » : l'instruction s'arrête et la demande est clôturée."
    ),
    "Boundary_ComplementsDeposes": (
        "Message « complements-deposes » (clé : dossierId) publié par le service dossier quand le "
        "demandeur clique sur « Valider et envoyer ». L'attente s'arrête et l'instruction reprend."
    ),
    "Task_StatutComplementsDeposes": "Statut « Demande de complément répondu » ; l'agent reprend l'examen.",
    "EventSub_Prolongation": (
        "Tant que l'instruction dépasse la fin de validité du titre actuel, une attestation de prolongation "
        "d'instruction valable 3 mois est délivrée et notifiée, puis renouvelée tous les 3 mois jusqu'à la "
        "décision. Le service pdf calcule la période couverte depuis dateFinValiditeTitre."
    ),
    "Start_Prolongation": (
        "Minuteur cyclique calculé depuis dateFinValiditeTitre : première attestation le lendemain de la "
        "fin de validité du titre (à 0 h UTC), puis tous les 3 mois. Expression : intervalle répétitif ISO "
        "8601 avec date de début, accepté par Zeebe, R/AAAA-MM-JJT00:00:00Z/P3M. Si le titre a déjà expiré "
        "à l'ouverture de l'instruction, la première attestation est délivrée aussitôt. Le cycle s'arrête "
        "avec l'instruction. Exemple du guide : titre valable jusqu'au 11/09/2023, attestation du "
        "12/09/2023 au 11/12/2023."
    ),
    "EventSub_AlerteRejetImplicite": (
        "Le silence gardé pendant quatre mois sur une demande de titre de séjour vaut décision implicite de "
        "rejet (CESEDA, art. R. 432-2). Le modèle ne prend aucune décision : il alerte les agents."
    ),
    "Start_AlerteRejetImplicite": (
        "Minuteur de 4 mois (P4M) depuis l'ouverture de l'instruction. Lorsque des pièces manquantes ont "
        "été demandées, le délai légal ne court qu'à compter de leur réception (CRPA, art. L. 114-5) : "
        "l'agent en tient compte en traitant l'alerte."
    ),
    "Task_AlerterRejetImplicite": "Signale le dossier aux agents (en-tête alerte = rejet-implicite).",
    "UserTask_TraiterAlerte": (
        "L'agent prend connaissance de l'alerte et indique la suite donnée (formulaire traitement-alerte). "
        "La tâche disparaît d'elle-même si l'instruction se termine avant."
    ),
    "Boundary_Desistement": (
        "Le demandeur peut se désister jusqu'à la décision : message « desistement » (clé : dossierId) "
        "publié par le service dossier. L'instruction est interrompue (tâches en cours annulées), le "
        "dossier est clôturé pour désistement et le demandeur notifié. Après l'enregistrement de la "
        "décision, le service dossier refuse le désistement et ce message n'est plus attendu."
    ),
    "Boundary_DossierClos": (
        "Erreur « dossier-clos » levée par le service dossier quand le demandeur s'est désisté pendant "
        "qu'une tâche du dossier s'exécutait : même suite qu'un désistement."
    ),
    "Boundary_DemandeIncomplete": (
        "Capte l'erreur « demande-incomplete » levée quand le délai de réponse aux compléments expire : la "
        "demande est clôturée comme incomplète et le demandeur notifié."
    ),
    "Task_GenererAttestationFavorable": (
        "Attestation de décision favorable : carte de séjour pluriannuelle « Vie privée et familiale » "
        "valable 4 ans à compter du lendemain de la décision, taxes de 225 € à acquitter au retrait."
    ),
    "Task_EnregistrerTitre": "Inscrit le nouveau titre au registre des titres délivrés (service identity).",
    "Event_TitreDisponible": (
        "Message « titre-disponible » (clé : dossierId) publié quand le titre fabriqué est arrivé en "
        "préfecture. Pas de délai : l'attestation de décision favorable couvre l'attente."
    ),
    "Task_NotifierTitreDisponible": (
        "Invite le demandeur à venir retirer son titre en préfecture et à acquitter la taxe."
    ),
    "Task_GenererDecisionRefus": "Décision de refus motivée (motifDecision), avec les voies et délais de recours.",
}


def build() -> tuple[Diagram, list[str]]:
    d = Diagram()
    ya = 250  # the main line

    def service(id: str, name: str, x: float, y: float, ext: list[str], scope: str | None = None) -> None:
        d.add(id, "serviceTask", name, x, y, scope=scope, extensions=ext)

    # -- Dépôt -----------------------------------------------------------------------------------
    d.add("Start_DemandeDeposee", "startEvent", "Demande déposée", 152, ya)
    service(
        "Task_EnregistrerDemande",
        "Enregistrer la demande et lui attribuer son numéro",
        230,
        ya,
        job(JobType.DOSSIER_ENREGISTRER),
    )
    service(
        "Task_ScellerDossier",
        "Figer le dossier et ses justificatifs",
        380,
        ya,
        job(JobType.DOCUMENTS_SCELLER),
    )
    service(
        "Task_GenererConfirmationDepot",
        "Générer la confirmation de dépôt",
        530,
        ya,
        pdf(Modele.CONFIRMATION_DEPOT),
    )
    service(
        "Task_NotifierDepot", "Envoyer la confirmation de dépôt", 680, ya, notify(Modele.CONFIRMATION_DEPOT)
    )

    # -- Instruction -----------------------------------------------------------------------------
    x0, y0, wi, hi = 850, 100, 1480, 910
    si = "SubProcess_Instruction"
    d.add(si, "subProcess", "Instruction de la demande", x0, y0, size=(wi, hi), center_y=False)
    d.add("Start_Instruction", "startEvent", "Instruction ouverte", x0 + 40, ya, scope=si)
    service(
        "Task_StatutEnInstruction",
        "Statut : en cours d'instruction",
        x0 + 110,
        ya,
        status(Statut.EN_INSTRUCTION),
        si,
    )
    d.add("Gateway_Examen", "exclusiveGateway", None, x0 + 250, ya, scope=si)
    d.add(
        "UserTask_ExaminerDemande",
        "userTask",
        "Examiner la demande",
        x0 + 330,
        ya,
        scope=si,
        extensions=user_task(Formulaire.EXAMEN_DEMANDE, f"={Variable.PREFECTURE}"),
    )
    d.add(
        "Gateway_SuiteExamen",
        "exclusiveGateway",
        "Suite proposée ?",
        x0 + 480,
        ya,
        scope=si,
        label=(x0 + 445, ya - 62, 90, 27),
    )
    d.add(
        "UserTask_ValiderDecision",
        "userTask",
        "Valider la décision",
        x0 + 620,
        ya,
        scope=si,
        extensions=user_task(Formulaire.VALIDATION_DECISION, GROUPE_VALIDEUR),
    )
    d.add("Gateway_Validation", "exclusiveGateway", "Décision validée ?", x0 + 770, ya, scope=si)
    service(
        "Task_EnregistrerDecision",
        "Enregistrer la décision",
        x0 + 880,
        ya,
        job(JobType.DOSSIER_ENREGISTRER_DECISION),
        si,
    )
    d.add(
        "End_DecisionValidee",
        "endEvent",
        "Décision rendue",
        x0 + 1030,
        ya,
        scope=si,
        definitions=['<bpmn:terminateEventDefinition id="TerminateEventDefinition_DecisionRendue" />'],
    )

    # Demande de compléments, under the main line
    xb, yb = x0 + 330, 350
    sc = "SubProcess_DemandeComplements"
    d.add(sc, "subProcess", "Demande de compléments", xb, yb, scope=si, size=(1110, 410), center_y=False)
    yb1 = yb + 100
    d.add(
        "Start_Complements",
        "startEvent",
        "Compléments à demander",
        xb + 30,
        yb1,
        scope=sc,
        label=(xb + 10, yb1 + 23, 76, 27),
    )
    service(
        "Task_OuvrirComplements",
        "Ouvrir une demande de compléments",
        xb + 90,
        yb1,
        job(JobType.DOSSIER_OUVRIR_COMPLEMENTS),
        sc,
    )
    service(
        "Task_NotifierComplements",
        "Notifier la demande de compléments",
        xb + 240,
        yb1,
        [
            *notify(Modele.DEMANDE_COMPLEMENTS),
            "<zeebe:ioMapping>",
            f'  <zeebe:output source="={Variable.NOTIFICATION_ID}" target="{Variable.NOTIFICATION_COMPLEMENTS}" />',
            "</zeebe:ioMapping>",
        ],
        sc,
    )
    xa, ya2 = xb + 390, yb + 40
    sa = "SubProcess_AttenteReponse"
    d.add(
        sa,
        "subProcess",
        "Attente de la réponse du demandeur",
        xa,
        ya2,
        scope=sc,
        size=(600, 220),
        center_y=False,
    )
    r1, r2 = ya2 + 60, ya2 + 150
    d.add(
        "Start_Attente",
        "startEvent",
        "Notification envoyée",
        xa + 30,
        r1,
        scope=sa,
        label=(xa + 10, r1 + 23, 76, 27),
    )
    d.add(
        "Gateway_NotificationOuverte",
        "eventBasedGateway",
        "Notification ouverte ?",
        xa + 100,
        r1,
        scope=sa,
        label=(xa + 70, r1 - 55, 110, 27),
    )
    d.add(
        "Event_NotificationLue",
        "intermediateCatchEvent",
        "Notification ouverte",
        xa + 200,
        r1,
        scope=sa,
        definitions=message("MessageEventDefinition_NotificationLue", "Message_NotificationLue"),
    )
    d.add(
        "Event_QuinzeJours",
        "intermediateCatchEvent",
        "15 jours sans ouverture",
        xa + 200,
        r2,
        scope=sa,
        definitions=timer("TimerEventDefinition_QuinzeJours", "timeDuration", "P15D"),
    )
    d.add("Gateway_DelaiOuvert", "exclusiveGateway", None, xa + 290, r1, scope=sa)
    d.add(
        "Event_DelaiTrenteJours",
        "intermediateCatchEvent",
        "30 jours sans réponse",
        xa + 400,
        r1,
        scope=sa,
        definitions=timer("TimerEventDefinition_TrenteJours", "timeDuration", "P30D"),
    )
    d.add("End_DelaiExpire", "endEvent", "Délai de réponse expiré", xa + 510, r1, scope=sa)
    d.add(
        "End_DemandeIncomplete",
        "endEvent",
        "Demande incomplète",
        xa + 650,
        r1,
        scope=sc,
        definitions=error("ErrorEventDefinition_DemandeIncomplete", "Error_DemandeIncomplete"),
    )
    d.boundary(
        "Boundary_ComplementsDeposes",
        "Compléments déposés",
        sa,
        "b",
        330,
        label_side="l",
        definitions=message("MessageEventDefinition_ComplementsDeposes", "Message_ComplementsDeposes"),
    )
    yb2 = ya2 + 220 + 70
    service(
        "Task_StatutComplementsDeposes",
        "Statut : compléments déposés",
        xa + 390,
        yb2,
        status(Statut.COMPLEMENTS_DEPOSES),
        sc,
    )
    d.add("End_ComplementsRecus", "endEvent", "Compléments reçus", xa + 550, yb2, scope=sc)

    # Event subprocesses of the instruction
    yc, yc1 = 800, 885
    sp = "EventSub_Prolongation"
    d.add(
        sp,
        "subProcess",
        "Prolongation d'instruction",
        x0 + 40,
        yc,
        scope=si,
        size=(500, 170),
        center_y=False,
        attrs={"triggeredByEvent": "true"},
    )
    cycle = f'="R/" + string(date({Variable.DATE_FIN_VALIDITE_TITRE}) + duration("P1D")) + "T00:00:00Z/P3M"'
    d.add(
        "Start_Prolongation",
        "startEvent",
        "Tous les 3 mois après la fin de validité du titre",
        x0 + 80,
        yc1,
        scope=sp,
        attrs={"isInterrupting": "false"},
        definitions=timer("TimerEventDefinition_Prolongation", "timeCycle", cycle),
    )
    service(
        "Task_GenererAttestationProlongation",
        "Générer l'attestation de prolongation",
        x0 + 160,
        yc1,
        pdf(Modele.ATTESTATION_PROLONGATION),
        sp,
    )
    service(
        "Task_NotifierProlongation",
        "Notifier la prolongation d'instruction",
        x0 + 310,
        yc1,
        notify(Modele.ATTESTATION_PROLONGATION),
        sp,
    )
    d.add("End_Prolongation", "endEvent", "Attestation délivrée", x0 + 460, yc1, scope=sp)

    sr = "EventSub_AlerteRejetImplicite"
    d.add(
        sr,
        "subProcess",
        "Alerte : 4 mois sans décision",
        x0 + 590,
        yc,
        scope=si,
        size=(490, 170),
        center_y=False,
        attrs={"triggeredByEvent": "true"},
    )
    d.add(
        "Start_AlerteRejetImplicite",
        "startEvent",
        "4 mois depuis l'ouverture",
        x0 + 630,
        yc1,
        scope=sr,
        attrs={"isInterrupting": "false"},
        definitions=timer("TimerEventDefinition_QuatreMois", "timeDuration", "P4M"),
    )
    service(
        "Task_AlerterRejetImplicite",
        "Signaler le risque de rejet implicite",
        x0 + 710,
        yc1,
        job(JobType.DOSSIER_ALERTER, **{Header.ALERTE: Alerte.REJET_IMPLICITE}),
        sr,
    )
    d.add(
        "UserTask_TraiterAlerte",
        "userTask",
        "Traiter l'alerte de rejet implicite",
        x0 + 860,
        yc1,
        scope=sr,
        extensions=user_task(Formulaire.TRAITEMENT_ALERTE, f"={Variable.PREFECTURE}", priority=90),
    )
    d.add("End_AlerteTraitee", "endEvent", "Alerte traitée", x0 + 1010, yc1, scope=sr)

    # Ways out of the instruction without a decision
    d.boundary(
        "Boundary_DemandeIncomplete",
        "Demande incomplète",
        si,
        "b",
        1130,
        label_width=95,
        definitions=error("ErrorEventDefinition_DemandeIncompleteCaptee", "Error_DemandeIncomplete"),
    )
    d.boundary(
        "Boundary_DossierClos",
        "Dossier clos entre-temps",
        si,
        "b",
        1270,
        label_width=95,
        definitions=error("ErrorEventDefinition_DossierClos", "Error_DossierClos"),
    )
    d.boundary(
        "Boundary_Desistement",
        "Désistement du demandeur",
        si,
        "b",
        1420,
        definitions=message("MessageEventDefinition_Desistement", "Message_Desistement"),
    )
    yi = y0 + hi
    yd, ye = yi + 110, yi + 250
    d.add("Gateway_Desistement", "exclusiveGateway", None, x0 + 1500, yd)
    service(
        "Task_CloturerDesistement",
        "Clôturer la demande (désistement)",
        x0 + 1600,
        yd,
        job(JobType.DOSSIER_CLOTURER, **{Header.MOTIF: MotifCloture.DESISTEMENT}),
    )
    service(
        "Task_NotifierDesistement",
        "Notifier la clôture pour désistement",
        x0 + 1750,
        yd,
        notify(Modele.DESISTEMENT),
    )
    d.add("End_Desistement", "endEvent", "Demande clôturée (désistement)", x0 + 1900, yd)
    service(
        "Task_CloturerIncomplet",
        "Clôturer la demande (incomplète)",
        x0 + 1230,
        ye,
        job(JobType.DOSSIER_CLOTURER, **{Header.MOTIF: MotifCloture.INCOMPLET}),
    )
    service(
        "Task_NotifierClotureIncomplet",
        "Notifier la clôture pour dossier incomplet",
        x0 + 1380,
        ye,
        notify(Modele.CLOTURE_INCOMPLET),
    )
    d.add("End_Incomplete", "endEvent", "Demande clôturée (incomplète)", x0 + 1530, ye)

    # -- Décision --------------------------------------------------------------------------------
    xg = x0 + wi + 60
    d.add("Gateway_Decision", "exclusiveGateway", "Décision ?", xg, ya)
    xf = xg + 130
    service(
        "Task_GenererAttestationFavorable",
        "Générer l'attestation de décision favorable",
        xf,
        ya,
        pdf(Modele.ATTESTATION_DECISION_FAVORABLE),
    )
    service(
        "Task_NotifierDecisionFavorable",
        "Notifier la décision favorable",
        xf + 150,
        ya,
        notify(Modele.ATTESTATION_DECISION_FAVORABLE),
    )
    service(
        "Task_EnregistrerTitre",
        "Inscrire le titre au registre des titres",
        xf + 300,
        ya,
        job(JobType.IDENTITY_ENREGISTRER_TITRE),
    )
    d.add(
        "Event_TitreDisponible",
        "intermediateCatchEvent",
        "Titre disponible en préfecture",
        xf + 460,
        ya,
        definitions=message("MessageEventDefinition_TitreDisponible", "Message_TitreDisponible"),
    )
    service(
        "Task_StatutTitreDisponible",
        "Statut : titre disponible",
        xf + 540,
        ya,
        status(Statut.TITRE_DISPONIBLE),
    )
    service(
        "Task_NotifierTitreDisponible",
        "Inviter le demandeur à retirer son titre",
        xf + 690,
        ya,
        notify(Modele.TITRE_DISPONIBLE),
    )
    d.add("End_TitreDisponible", "endEvent", "Demandeur invité au retrait", xf + 840, ya)
    yr = ya + 200
    service("Task_GenererDecisionRefus", "Générer la décision de refus", xf, yr, pdf(Modele.DECISION_REFUS))
    service(
        "Task_NotifierDecisionRefus",
        "Notifier la décision de refus",
        xf + 150,
        yr,
        notify(Modele.DECISION_REFUS),
    )
    d.add("End_Refus", "endEvent", "Refus notifié", xf + 300, yr)

    # -- flows -----------------------------------------------------------------------------------
    f = d.flow
    chain = [
        [
            "Start_DemandeDeposee",
            "Task_EnregistrerDemande",
            "Task_ScellerDossier",
            "Task_GenererConfirmationDepot",
            "Task_NotifierDepot",
        ],
        [
            "Start_Instruction",
            "Task_StatutEnInstruction",
            "Gateway_Examen",
            "UserTask_ExaminerDemande",
            "Gateway_SuiteExamen",
        ],
        ["UserTask_ValiderDecision", "Gateway_Validation"],
        ["Task_EnregistrerDecision", "End_DecisionValidee"],
        ["Start_Complements", "Task_OuvrirComplements", "Task_NotifierComplements"],
        [
            "Start_Attente",
            "Gateway_NotificationOuverte",
            "Event_NotificationLue",
            "Gateway_DelaiOuvert",
            "Event_DelaiTrenteJours",
            "End_DelaiExpire",
        ],
        ["Task_StatutComplementsDeposes", "End_ComplementsRecus"],
        [
            "Start_Prolongation",
            "Task_GenererAttestationProlongation",
            "Task_NotifierProlongation",
            "End_Prolongation",
        ],
        [
            "Start_AlerteRejetImplicite",
            "Task_AlerterRejetImplicite",
            "UserTask_TraiterAlerte",
            "End_AlerteTraitee",
        ],
        ["Gateway_Desistement", "Task_CloturerDesistement", "Task_NotifierDesistement", "End_Desistement"],
        ["Task_CloturerIncomplet", "Task_NotifierClotureIncomplet", "End_Incomplete"],
        [
            "Task_GenererAttestationFavorable",
            "Task_NotifierDecisionFavorable",
            "Task_EnregistrerTitre",
            "Event_TitreDisponible",
            "Task_StatutTitreDisponible",
            "Task_NotifierTitreDisponible",
            "End_TitreDisponible",
        ],
        ["Task_GenererDecisionRefus", "Task_NotifierDecisionRefus", "End_Refus"],
    ]
    for steps in chain:
        for a, b in pairwise(steps):
            f(f"Flow_{a.split('_', 1)[1]}_{b.split('_', 1)[1]}", a, b)

    f("Flow_VersInstruction", "Task_NotifierDepot", si, end_at=(x0, ya))
    f(
        "Flow_DecisionProposee",
        "Gateway_SuiteExamen",
        "UserTask_ValiderDecision",
        name="Favorable ou défavorable",
        condition=f'={Variable.DECISION} = "{ChoixExamen.FAVORABLE}" or {Variable.DECISION} = "{ChoixExamen.DEFAVORABLE}"',
        label_at=(x0 + 535, ya - 44),
        label_size=(80, 40),
    )
    f(
        "Flow_ComplementsDemandes",
        "Gateway_SuiteExamen",
        sc,
        out="b",
        end_at=(x0 + 505, yb),
        via=[],
        name="Compléments à demander",
        condition=eq(Variable.DECISION, ChoixExamen.COMPLEMENTS),
        label_at=(x0 + 512, ya + 38),
        label_size=(80, 40),
    )
    f(
        "Flow_DecisionValidee",
        "Gateway_Validation",
        "Task_EnregistrerDecision",
        name="Validée",
        condition=eq(Variable.VALIDATION_DECISION, Validation.VALIDEE),
        label_at=(x0 + 826, ya - 24),
        label_size=(50, 14),
    )
    gx = d.nodes["Gateway_Examen"].cx
    f(
        "Flow_DecisionRenvoyee",
        "Gateway_Validation",
        "Gateway_Examen",
        out="t",
        into="t",
        via=[(d.nodes["Gateway_Validation"].cx, y0 + 60), (gx, y0 + 60)],
        name="Renvoyée à l'instructeur",
        condition=eq(Variable.VALIDATION_DECISION, Validation.RENVOYEE),
        label_at=(x0 + 640, y0 + 36),
        label_size=(140, 14),
    )
    # the way back leaves the box's left side low, under its start event
    f("Flow_RetourExamen", sc, "Gateway_Examen", into="b", start_at=(xb, yb + 360), via=[(gx, yb + 360)])
    f("Flow_VersAttente", "Task_NotifierComplements", sa, end_at=(xa, yb1))
    f("Flow_QuinzeJours", "Gateway_NotificationOuverte", "Event_QuinzeJours", out="b", into="l")
    f("Flow_ApresQuinzeJours", "Event_QuinzeJours", "Gateway_DelaiOuvert", into="b")
    f("Flow_SansReponse", sa, "End_DemandeIncomplete", start_at=(xa + 600, r1))
    f("Flow_ReponseRecue", "Boundary_ComplementsDeposes", "Task_StatutComplementsDeposes", out="b")
    f("Flow_Desistement", "Boundary_Desistement", "Gateway_Desistement", out="b")
    f(
        "Flow_DossierClos",
        "Boundary_DossierClos",
        "Gateway_Desistement",
        out="b",
        into="b",
        via=[(x0 + 1270, yd + 60), (x0 + 1525, yd + 60)],
    )
    f("Flow_Incomplete", "Boundary_DemandeIncomplete", "Task_CloturerIncomplet", out="b")
    f("Flow_VersDecision", si, "Gateway_Decision", start_at=(x0 + wi, ya))
    f(
        "Flow_Favorable",
        "Gateway_Decision",
        "Task_GenererAttestationFavorable",
        name="Favorable",
        condition=eq(Variable.DECISION, ChoixExamen.FAVORABLE),
        label_at=(xg + 55, ya - 24),
        label_size=(60, 14),
    )
    f(
        "Flow_Defavorable",
        "Gateway_Decision",
        "Task_GenererDecisionRefus",
        out="b",
        name="Défavorable",
        condition=eq(Variable.DECISION, ChoixExamen.DEFAVORABLE),
        label_at=(xg + 32, ya + 90),
        label_size=(70, 14),
    )

    for node_id, text in DOC.items():
        d.nodes[node_id].documentation = text

    def subscription(id: str, name: Message, key: str) -> str:
        return (
            f'<bpmn:message id="{id}" name="{name}"><bpmn:extensionElements>'
            f'<zeebe:subscription correlationKey="={key}" /></bpmn:extensionElements></bpmn:message>'
        )

    root = [
        subscription("Message_NotificationLue", Message.NOTIFICATION_LUE, Variable.NOTIFICATION_COMPLEMENTS),
        subscription("Message_ComplementsDeposes", Message.COMPLEMENTS_DEPOSES, Variable.DOSSIER_ID),
        subscription("Message_Desistement", Message.DESISTEMENT, Variable.DOSSIER_ID),
        subscription("Message_TitreDisponible", Message.TITRE_DISPONIBLE, Variable.DOSSIER_ID),
        f'<bpmn:error id="Error_DemandeIncomplete" name="Demande incomplète" errorCode="{ERREUR_INCOMPLETE}" />',
        f'<bpmn:error id="Error_DossierClos" name="Dossier clos" errorCode="{ErreurMetier.DOSSIER_CLOS}" />',
    ]
    return d, root


def main() -> int:
    diagram, root = build()
    problems = check_layout(diagram)
    for problem in problems:
        print(problem, file=sys.stderr)
    xml = to_xml(
        diagram,
        process_id=PROCESS_ID,
        process_name="Renouvellement du titre de séjour « Vie privée et familiale » (jeune confié à l'ASE)",
        process_documentation=DOC_PROCESS,
        root_elements=root,
        definitions_id="Definitions_RenouvellementTitreSejourAse",
    )
    OUTPUT.write_text(xml, encoding="utf-8")
    print(f"{OUTPUT.name} : {len(diagram.nodes)} éléments, {len(diagram.flows)} flux")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
