"""Use cases of in-app notifications. The caller owns the transaction (one set of `Repositories`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime

from contracts.jobs.notifier import NotifierInput
from contracts.notifier import EvenementNotification, FiltreLecture
from contracts.process import Message, Modele, Variable
from services.notifier.domain.acces import Portee
from services.notifier.domain.courriels import DemandeEnvoi, ModeleCourriel, PieceJointeCourriel
from services.notifier.domain.notifications import Filtre, Notification, NotificationIntrouvable, Page
from services.notifier.domain.ports import MessageMoteur, Repositories
from services.notifier.domain.redaction import (
    JustificatifsExamines,
    Redaction,
    VariablesManquantes,
    piece_jointe,
    rediger,
    verifier_modele,
)

ADRESSE_COURRIEL = re.compile(r"[^@\s]+@[^@\s]+")


def creer_notification(
    *,
    repositories: Repositories,
    job_key: str,
    modele: str,
    entree: NotifierInput,
    maintenant: datetime,
    examines: JustificatifsExamines | None = None,
    nouvel_id: Callable[[], str],
    lien_connexion: str,
) -> str:
    """Create the notification of one `notifier.notifier` job and queue its e-mail, once per job.

    The engine delivers a job at least once: a second delivery finds the first one's notification
    (by its job key) and answers with its id.
    """
    if existante := repositories.notifications.par_job(job_key):
        return existante.id
    known = verifier_modele(modele)
    if not entree.demandeur_id:
        raise VariablesManquantes("la variable demandeurId manque")
    redaction = rediger(known, entree, examines)
    notification = Notification(
        id=nouvel_id(),
        job_key=job_key,
        demandeur_id=entree.demandeur_id,
        dossier_id=entree.dossier_id or None,
        numero_demande=redaction.numero_demande or None,
        prefecture=entree.prefecture or None,
        modele=known,
        titre=redaction.titre,
        contenu=redaction.contenu(),
        pieces_jointes=piece_jointe(known, entree.document),
        cree_le=maintenant,
    )
    repositories.notifications.ajouter(notification)
    repositories.evenements.publier(EvenementNotification.CREEE, notification, maintenant)
    if destinataire := _courriel(entree):
        repositories.courriels.mettre_en_file(
            _courriel_de(notification, redaction, destinataire, lien_connexion)
        )
    return notification.id


def consulter_notification(
    *,
    repositories: Repositories,
    portee: Portee,
    notification_id: str,
    par_le_demandeur: bool,
    maintenant: datetime,
) -> Notification:
    """Show one notification; its first opening by the applicant is the acknowledgement of receipt.

    That opening is recorded, and the `notification-lue` message is written in the same
    transaction, to be published to the engine once by the relay.
    """
    notification = visible(repositories, portee, notification_id)
    if not par_le_demandeur or notification.lue_le is not None:
        return notification
    if not repositories.notifications.marquer_lue(notification.id, maintenant):
        return visible(repositories, portee, notification_id)  # opened meanwhile (double click)
    notification = notification.ouverte(maintenant)
    repositories.messages.prevoir(message_lue(notification, maintenant), maintenant)
    repositories.evenements.publier(EvenementNotification.LUE, notification, maintenant)
    return notification


def ouvrir_demande_de_la_ronde(
    *,
    repositories: Repositories,
    portee: Portee,
    dossier_id: str,
    ronde: int,
    par_le_demandeur: bool,
    maintenant: datetime,
) -> Notification | None:
    """The « Demande de complément » of round `ronde` of the dossier, opened (see above), or None."""
    demandes = repositories.notifications.du_dossier(dossier_id, Modele.DEMANDE_COMPLEMENTS)
    demande = demande_de_la_ronde([n for n in demandes if portee.couvre(n)], ronde)
    if demande is None:
        return None
    return consulter_notification(
        repositories=repositories,
        portee=portee,
        notification_id=demande.id,
        par_le_demandeur=par_le_demandeur,
        maintenant=maintenant,
    )


def cloche(*, repositories: Repositories, portee: Portee, nombre: int) -> Page:
    """The newest unread notifications and their count (the bell)."""
    filtre = Filtre(lecture=FiltreLecture.NON_LUES, page=1, par_page=nombre)
    return lister_notifications(repositories=repositories, portee=portee, filtre=filtre)


def noter_reponse(
    *, repositories: Repositories, dossier_id: str, ronde: int, repondue_le: datetime
) -> Notification | None:
    """« Demande de complément répondu »: the dossier recorded the answer to round `ronde`
    (its event `complements-deposes`); the round's demand is marked answered, once.

    None when the demand is not there (yet): the event is then delivered again later.
    """
    notification = demande_de_la_ronde(
        repositories.notifications.du_dossier(dossier_id, Modele.DEMANDE_COMPLEMENTS), ronde
    )
    if notification is None:
        return None
    repondue = notification.repondue(repondue_le)
    if repondue is not notification and repositories.notifications.marquer_repondue(
        notification.id, repondue_le
    ):
        repositories.evenements.publier(EvenementNotification.REPONDUE, repondue, repondue_le)
    return repondue


def demande_de_la_ronde(demandes: Sequence[Notification], ronde: int) -> Notification | None:
    """The demand that asked for round `ronde`; those made before the round was written in them
    are counted: the n-th demand of the dossier, oldest first, is round n."""
    for notification in demandes:
        if notification.ronde == ronde:
            return notification
    anciennes = [n for n in demandes if n.ronde is None]
    return anciennes[ronde - 1] if len(demandes) == len(anciennes) and 0 < ronde <= len(anciennes) else None


def lister_notifications(*, repositories: Repositories, portee: Portee, filtre: Filtre) -> Page:
    """One page of "Mes Notifications", newest first."""
    elements, total = repositories.notifications.lister(portee, filtre)
    return Page(elements=list(elements), total=total, page=filtre.page, par_page=filtre.par_page)


def compter_non_lues(*, repositories: Repositories, demandeur_id: str) -> int:
    """The count next to the bell."""
    return repositories.notifications.compter_non_lues(demandeur_id)


def visible(repositories: Repositories, portee: Portee, notification_id: str) -> Notification:
    """The notification if the actor may see it; otherwise it does not exist for them."""
    notification = repositories.notifications.par_id(notification_id)
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
        dossier_id=notification.dossier_id,
    )


def _courriel(entree: NotifierInput) -> str | None:
    """The applicant's e-mail address if it looks like one; otherwise only the in-app notification."""
    value = (entree.demandeur.courriel or "").strip() if entree.demandeur else ""
    if not value or len(value) > 254 or not ADRESSE_COURRIEL.fullmatch(value):
        return None
    return value
