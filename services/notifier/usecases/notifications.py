"""Use cases of in-app notifications. The caller owns the transaction (one `UniteDeTravail`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from contracts.notifier import EvenementNotification
from contracts.process import Message, Modele, Variable
from services.notifier.domain.courriels import DemandeEnvoi, ModeleCourriel, PieceJointeCourriel
from services.notifier.domain.notifications import Filtre, Notification, NotificationIntrouvable, Page
from services.notifier.domain.ports import MessageMoteur, Portee, UniteDeTravail
from services.notifier.domain.redaction import Redaction, piece_jointe, rediger, verifier_modele


class VariablesManquantes(ValueError):
    """The process did not give what a notification needs (a modelling error: the job fails)."""


def creer_notification(
    *,
    unite: UniteDeTravail,
    job_key: str,
    modele: str,
    variables: Mapping[str, Any],
    maintenant: datetime,
    nouvel_id: Callable[[], str],
    lien_connexion: str,
) -> str:
    """Create the notification of one `notifier.notifier` job and queue its e-mail, once per job."""
    if existante := unite.notifications.par_job(job_key):
        return existante.id
    known = verifier_modele(modele)
    demandeur_id = variables.get(Variable.DEMANDEUR_ID.value)
    if not demandeur_id:
        raise VariablesManquantes("la variable demandeurId manque")
    redaction = rediger(known, variables)
    notification = Notification(
        id=nouvel_id(),
        job_key=job_key,
        demandeur_id=str(demandeur_id),
        dossier_id=_texte(variables.get(Variable.DOSSIER_ID.value)),
        numero_demande=redaction.numero_demande or None,
        prefecture=_texte(variables.get(Variable.PREFECTURE.value)),
        modele=known,
        titre=redaction.titre,
        contenu=redaction.contenu(),
        pieces_jointes=piece_jointe(known, variables.get(Variable.DOCUMENT.value)),
        cree_le=maintenant,
    )
    unite.notifications.ajouter(notification)
    unite.evenements.publier(EvenementNotification.CREEE, notification, maintenant)
    if destinataire := _courriel(variables):
        unite.courriels.mettre_en_file(_courriel_de(notification, redaction, destinataire, lien_connexion))
    return notification.id


def consulter_notification(
    *,
    unite: UniteDeTravail,
    portee: Portee,
    notification_id: str,
    par_le_demandeur: bool,
    maintenant: datetime,
) -> Notification:
    """Show one notification; its first opening by the applicant is the acknowledgement of receipt.

    That opening is recorded, and the `notification-lue` message is written in the same
    transaction, to be published to the engine once by the relay.
    """
    notification = visible(unite, portee, notification_id)
    if not par_le_demandeur or notification.lue_le is not None:
        return notification
    if not unite.notifications.marquer_lue(notification.id, maintenant):
        return visible(unite, portee, notification_id)  # opened meanwhile (double click)
    notification = notification.ouverte(maintenant)
    unite.messages.prevoir(message_lue(notification, maintenant), maintenant)
    unite.evenements.publier(EvenementNotification.LUE, notification, maintenant)
    return notification


def repondre_notification(
    *, unite: UniteDeTravail, portee: Portee, notification_id: str, maintenant: datetime
) -> Notification:
    """Mark a demande de compléments as answered (twice has the effect of once)."""
    notification = visible(unite, portee, notification_id)
    repondue = notification.repondue(maintenant)
    if repondue is not notification and unite.notifications.marquer_repondue(notification.id, maintenant):
        unite.evenements.publier(EvenementNotification.REPONDUE, repondue, maintenant)
        return repondue
    return visible(unite, portee, notification_id)


def lister_notifications(*, unite: UniteDeTravail, portee: Portee, filtre: Filtre) -> Page:
    elements, total = unite.notifications.lister(portee, filtre)
    return Page(elements=list(elements), total=total, page=filtre.page, par_page=filtre.par_page)


def compter_non_lues(*, unite: UniteDeTravail, demandeur_id: str) -> int:
    return unite.notifications.compter_non_lues(demandeur_id)


def visible(unite: UniteDeTravail, portee: Portee, notification_id: str) -> Notification:
    notification = unite.notifications.par_id(notification_id)
    if notification is None or not portee.couvre(notification):
        raise NotificationIntrouvable("Notification introuvable.")
    return notification


def message_lue(notification: Notification, le: datetime) -> MessageMoteur:
    return MessageMoteur(
        message_id=f"{Message.NOTIFICATION_LUE.value}-{notification.id}",
        nom=Message.NOTIFICATION_LUE.value,
        cle_correlation=notification.id,
        variables={
            Variable.NOTIFICATION_ID.value: notification.id,
            "dateLectureNotification": le.isoformat(),
        },
    )


def _courriel_de(
    notification: Notification, redaction: Redaction, destinataire: str, lien: str
) -> DemandeEnvoi:
    idempotence = f"notification-{notification.id}"
    if notification.modele is not Modele.CONFIRMATION_DEPOT:
        return DemandeEnvoi(
            modele=ModeleCourriel.NOTIFICATION,
            destinataire=destinataire,
            donnees={"lien": lien},
            idempotence=idempotence,
        )
    # The seed's deposit e-mail carries the confirmation de dépôt, to download.
    pieces = [
        PieceJointeCourriel(
            dossier_id=notification.dossier_id,
            document_id=p.document_id,
            nom_fichier=p.nom_fichier or "confirmation-depot.pdf",
        )
        for p in notification.pieces_jointes
        if notification.dossier_id
    ]
    return DemandeEnvoi(
        modele=ModeleCourriel.CONFIRMATION_DEPOT,
        destinataire=destinataire,
        donnees={"prenoms": redaction.prenoms, "nom": redaction.nom, "lien": lien},
        idempotence=idempotence,
        pieces_jointes=pieces,
    )


def _courriel(variables: Mapping[str, Any]) -> str | None:
    demandeur = variables.get(Variable.DEMANDEUR.value)
    value = demandeur.get("courriel") if isinstance(demandeur, Mapping) else None
    if not isinstance(value, str) or len(value.strip()) > 254:
        return None
    return value.strip() if re.fullmatch(r"[^@\s]+@[^@\s]+", value.strip()) else None


def _texte(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
