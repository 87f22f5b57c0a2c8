"""What the renewal process model and its workers agree on: ids, messages, variable names.

The BPMN model (bpmn/) is the source of truth for the flow; these names are its interface.
A process owner may change the flow freely, but renaming one of these is a contract change.
"""

from __future__ import annotations

from enum import StrEnum

PROCESS_ID = "renouvellement-titre-sejour-ase"


class Message(StrEnum):
    """Messages published to the engine; their correlation key is given next to each."""

    NOTIFICATION_LUE = "notification-lue"  # key: notificationId
    COMPLEMENTS_DEPOSES = "complements-deposes"  # key: dossierId
    TITRE_DISPONIBLE = "titre-disponible"  # key: dossierId
    DESISTEMENT = "desistement"  # key: dossierId


class Variable(StrEnum):
    """Process variables set at start or by workers."""

    DOSSIER_ID = "dossierId"
    NUMERO_DEMANDE = "numeroDemande"
    DEMANDEUR_ID = "demandeurId"
    CAS = "cas"  # "mineur", "mineur_emancipe", "majeur"
    PREFECTURE = "prefecture"  # candidate group of the instructing agents, e.g. "prefecture-59"
    DATE_FIN_VALIDITE_TITRE = "dateFinValiditeTitre"  # ISO date of the current title's end
    CORRELATION_ID = "correlationId"
