"""The notifier's job type: `notifier.notifier` makes the applicant's notification and its e-mail.

The task's header `modele` names the notification (a `contracts.process.Modele` that has one); the
notifier reads only the variables below, and writes back the id of the notification it made, which
the model keys the `notification-lue` message on.
"""

from __future__ import annotations

from pydantic import Field

from contracts.base import JobVariables
from contracts.jobs import JobContract
from contracts.process import JobType
from contracts.variables import Delais, Demandeur, DocumentProduit, PieceDemandee


class NotifierHeaders(JobVariables):
    # Checked by the notifier itself, whose message says which templates have no notification.
    modele: str = ""


class NotifierInput(JobVariables):
    """What a notification says and whom it is for; absent variables leave their part out."""

    demandeur_id: str | None = None  # required: its absence is reported by name
    dossier_id: str | None = None
    prefecture: str | None = None
    numero_demande: str | None = None
    demandeur: Demandeur | None = None  # name in the greeting, address of the e-mail
    pieces_demandees: list[PieceDemandee] = Field(
        default_factory=list
    )  # a demande de compléments: what the agent asks for
    motif_decision: str | None = None  # a refusal: its reason
    document: DocumentProduit | None = None  # attached if `pdf.generer` made it for this notification
    delais: Delais | None = None  # the model's deadlines, stated by the complement and closure texts
    ronde_complements: int | None = (
        None  # a demande de compléments: the round `dossier.ouvrir-complements` opened
    )


class NotifierOutput(JobVariables):
    notification_id: str


NOTIFIER = JobContract(JobType.NOTIFIER_NOTIFIER, NotifierInput, NotifierOutput, NotifierHeaders)

CONTRACTS = (NOTIFIER,)
