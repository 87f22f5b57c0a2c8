"""E-mail requests: any service asks the notifier to send an e-mail by publishing one on NATS.

The requester writes a `DemandeCourriel` (camelCase JSON) through its outbox on `SUBJECT_DEMANDE_COURRIEL`; the
notifier consumes the stream `NOTIFIER_COURRIELS`, renders the template named by `modele` with
`donnees` and sends it over SMTP, at most once per `idempotence` key (delivery is at least once).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field

from contracts.base import ContractModel

SUBJECT_DEMANDE_COURRIEL = "notifier.courriel.demande"
STREAM_COURRIELS = "NOTIFIER_COURRIELS"
SUBJECTS_COURRIELS = ["notifier.courriel.>"]


class ModeleCourriel(StrEnum):
    """Every e-mail template; `donnees` of each (the notifier refuses a request without `lien` where marked):

    - confirmation-compte (identity): {"lien"*: confirmation URL, "nom", "prenoms", "expiration": ISO datetime,
      "identifiant": the N° étranger, or the e-mail when there is none (the mail names which one logs in)}
    - reinitialisation-mot-de-passe (identity): {"lien"*: reset URL, "nom", "prenoms", "expiration"}
    - compte-bloque (identity): the owner's identifier was locked after repeated failed sign-ins:
      {"lien"*: the « mot de passe oublié » page, "expiration": end of the lockout (ISO), "nom", "prenoms"}
    - notification (the notifier itself, for every in-app notification but the deposit's): the seed's
      « Vous venez de recevoir une notification », {"lien"*: the login page}
    - confirmation-depot (the notifier itself, for the deposit's notification): {"prenoms", "nom",
      "lien"}, with the confirmation de dépôt PDF in `piecesJointes`
    """

    CONFIRMATION_COMPTE = "confirmation-compte"
    REINITIALISATION_MOT_DE_PASSE = "reinitialisation-mot-de-passe"
    COMPTE_BLOQUE = "compte-bloque"
    NOTIFICATION = "notification"
    CONFIRMATION_DEPOT = "confirmation-depot"


class PieceJointeCourriel(ContractModel):
    """A generated document of the dossier, fetched from the documents service when sending."""

    dossier_id: str = Field(min_length=1, max_length=64)
    document_id: str = Field(min_length=1, max_length=64)
    nom_fichier: str = Field("document.pdf", max_length=200)


class DemandeCourriel(ContractModel):
    """A request to send one e-mail, as published on `SUBJECT_DEMANDE_COURRIEL`."""

    model_config = ConfigDict(frozen=True)

    modele: ModeleCourriel
    destinataire: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    donnees: dict[str, Any] = Field(default_factory=dict)
    idempotence: str = Field(min_length=1, max_length=200)
    pieces_jointes: list[PieceJointeCourriel] = Field(default_factory=list, max_length=5)
