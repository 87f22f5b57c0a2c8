"""E-mail requests: any service asks the notifier to send an e-mail by publishing one on NATS.

The requester writes a `DemandeCourriel` (camelCase JSON) through its outbox on its own subject,
`sujet_demande_courriel(<service>)`: NATS lets each service publish on its own only, so the subject
names who asks, and the notifier sends only the templates `MODELES_PAR_EXPEDITEUR` allows that
service. The notifier consumes the stream `NOTIFIER_COURRIELS`, renders the template named by
`modele` with `donnees` and sends it over SMTP, at most once per `idempotence` key (delivery is at
least once).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field

from contracts.base import ContractModel

PREFIXE_DEMANDE_COURRIEL = "notifier.courriel.demande"
STREAM_COURRIELS = "NOTIFIER_COURRIELS"
SUBJECTS_COURRIELS = ["notifier.courriel.>"]
# A request holds an address, names, a reset link: the stream drops it after a week (its last
# delivery attempt is hours after it arrived; a given-up one is kept by the notifier to replay).
CONSERVATION_COURRIELS_S = 7 * 24 * 3600.0


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


MODELES_PAR_EXPEDITEUR: dict[str, frozenset[ModeleCourriel]] = {
    "identity": frozenset(
        {
            ModeleCourriel.CONFIRMATION_COMPTE,
            ModeleCourriel.REINITIALISATION_MOT_DE_PASSE,
            ModeleCourriel.COMPTE_BLOQUE,
        }
    ),
    "notifier": frozenset({ModeleCourriel.NOTIFICATION, ModeleCourriel.CONFIRMATION_DEPOT}),
}


def sujet_demande_courriel(service: str) -> str:
    """`notifier.courriel.demande.<service>`: the subject on which `service` asks for an e-mail."""
    return f"{PREFIXE_DEMANDE_COURRIEL}.{service}"


def expediteur(subject: str) -> str | None:
    """The service that published a request on `subject`, None if it is not a request's subject."""
    prefixe, _, service = subject.rpartition(".")
    return service if prefixe == PREFIXE_DEMANDE_COURRIEL and service in MODELES_PAR_EXPEDITEUR else None


class PieceJointeCourriel(ContractModel):
    """A generated document of the dossier, fetched from the documents service when sending."""

    dossier_id: str = Field(min_length=1, max_length=64)
    document_id: str = Field(min_length=1, max_length=64)
    nom_fichier: str = Field("document.pdf", max_length=200)


class DemandeCourriel(ContractModel):
    """A request to send one e-mail, as published on `sujet_demande_courriel(<service>)`.

    Attachments are documents of `dossier_id`, the dossier the request is about: the notifier
    refuses a request naming another dossier's; one the documents service does not find in that
    dossier is left out (and logged by its id).
    """

    model_config = ConfigDict(frozen=True)

    modele: ModeleCourriel
    destinataire: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    donnees: dict[str, Any] = Field(default_factory=dict)
    idempotence: str = Field(min_length=1, max_length=200)
    pieces_jointes: list[PieceJointeCourriel] = Field(default_factory=list, max_length=5)
    dossier_id: str | None = Field(None, min_length=1, max_length=64)
