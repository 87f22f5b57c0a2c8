"""E-mail requests: any service asks the notifier to send an e-mail by publishing one on NATS.

The requester writes a `DemandeCourriel` through its outbox on `SUBJECT_DEMANDE_COURRIEL`; the
notifier consumes the stream `NOTIFIER_COURRIELS`, renders the template named by `modele` with
`donnees` and sends it over SMTP, at most once per `idempotence` key (delivery is at least once).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SUBJECT_DEMANDE_COURRIEL = "notifier.courriel.demande"
STREAM_COURRIELS = "NOTIFIER_COURRIELS"
SUBJECTS_COURRIELS = ["notifier.courriel.>"]

ModeleCourriel = Literal["confirmation-compte", "reinitialisation-mot-de-passe"]
"""Templates of account e-mails. `donnees` of each:

- confirmation-compte: {"lien": confirmation URL, "nom": ..., "prenoms": ..., "expiration": ISO datetime}
- reinitialisation-mot-de-passe: {"lien": reset URL, "nom": ..., "prenoms": ..., "expiration": ISO datetime}
"""


class DemandeCourriel(BaseModel):
    """A request to send one e-mail, as published on `SUBJECT_DEMANDE_COURRIEL`."""

    model_config = ConfigDict(frozen=True)

    modele: ModeleCourriel
    destinataire: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    donnees: dict[str, Any] = Field(default_factory=dict)
    idempotence: str = Field(min_length=1, max_length=200)
