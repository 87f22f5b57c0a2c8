"""The documents the service generates: their title, the data they need and what they state.

`preparer_document` turns the process variables into a `DocumentPrepare`: the validated data and
the computed dates, ready for a template named after the `Modele`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError

from contracts.base import JobVariables
from contracts.process import Modele
from services.pdf.domain import prefectures
from services.pdf.domain.dates import periode_de_prolongation, periode_de_validite
from services.pdf.domain.donnees import (
    DonneesAttestationProlongation,
    DonneesConfirmationDepot,
    DonneesDecisionFavorable,
    DonneesDecisionRefus,
    DonneesListePieces,
)
from services.pdf.domain.erreurs import ApercuReserve, DonneesInvalides, ModeleInconnu


@dataclass(frozen=True)
class DocumentPrepare:
    modele: Modele
    titre: str  # the PDF's title (metadata) and the document's heading
    nom_fichier: str
    contexte: Mapping[str, Any] = field(default_factory=dict)


Preparation = Callable[[Any, date], tuple[str, dict[str, Any]]]  # → (file name suffix, template context)


@dataclass(frozen=True)
class DefinitionDocument:
    modele: Modele
    titre: str
    donnees: type[JobVariables]
    preparer: Preparation
    public: bool = False  # anyone may have it (Annexe 1 is downloadable before any application)


def _confirmation_depot(d: DonneesConfirmationDepot, _aujourdhui: date) -> tuple[str, dict[str, Any]]:
    # The confirmation is the deposit's: issued the day of the deposit, whenever the job runs.
    return d.numero_demande, {"d": d, "date_emission": d.date_emission or d.date_depot}


def _attestation_prolongation(
    d: DonneesAttestationProlongation, aujourdhui: date
) -> tuple[str, dict[str, Any]]:
    validite = d.delais.validite_prolongation
    debut, fin = periode_de_prolongation(d.date_fin_validite_titre, d.date_emission or aujourdhui, validite)
    return f"{d.numero_demande}-{debut:%Y%m%d}", {"d": d, "debut": debut, "fin": fin}


def _decision_favorable(d: DonneesDecisionFavorable, _aujourdhui: date) -> tuple[str, dict[str, Any]]:
    # Issued the day of the decision (the valideur's date), whenever the job runs: « DATE
    # D'ÉMISSION : 12/09/2023 … Le 12/09/2023, une décision favorable a été prise ».
    decision = d.date_decision
    emission = d.date_emission or decision
    debut, fin = periode_de_validite(decision + timedelta(days=1), mois=12 * d.duree_carte_annees)
    contexte = {"d": d, "date_emission": emission, "date_decision": decision, "debut": debut, "fin": fin}
    return d.numero_demande, contexte


def _decision_refus(d: DonneesDecisionRefus, _aujourdhui: date) -> tuple[str, dict[str, Any]]:
    emission = d.date_emission or d.date_decision  # issued the day of the decision, as the favourable one
    contexte = {
        "d": d,
        "date_emission": emission,
        "date_decision": d.date_decision,
        "autorite": prefectures.autorite(d.prefecture),
        "destinataire": prefectures.destinataire(d.prefecture),
        "motifs": [ligne.strip() for ligne in d.motif_decision.splitlines() if ligne.strip()],
    }
    return d.numero_demande, contexte


def _liste_pieces(d: DonneesListePieces, _aujourdhui: date) -> tuple[str, dict[str, Any]]:
    return "", {"annexe": d.annexe}


DOCUMENTS: dict[Modele, DefinitionDocument] = {
    definition.modele: definition
    for definition in (
        DefinitionDocument(
            Modele.CONFIRMATION_DEPOT,
            "Confirmation du dépôt d'une demande de renouvellement de titre de séjour",
            DonneesConfirmationDepot,
            _confirmation_depot,
        ),
        DefinitionDocument(
            Modele.ATTESTATION_PROLONGATION,
            "Attestation de prolongation d'instruction d'une demande de renouvellement de titre de séjour",
            DonneesAttestationProlongation,
            _attestation_prolongation,
        ),
        DefinitionDocument(
            Modele.ATTESTATION_DECISION_FAVORABLE,
            "Attestation de décision favorable sur une demande de renouvellement de titre de séjour",
            DonneesDecisionFavorable,
            _decision_favorable,
        ),
        DefinitionDocument(
            Modele.DECISION_REFUS,
            "Décision de refus sur une demande de renouvellement de titre de séjour",
            DonneesDecisionRefus,
            _decision_refus,
        ),
        DefinitionDocument(
            Modele.LISTE_PIECES,
            "Liste des documents justificatifs à fournir",
            DonneesListePieces,
            _liste_pieces,
            public=True,
        ),
    )
}


def definition(modele: str) -> DefinitionDocument:
    """The document named `modele`, or ModeleInconnu (notification-only templates included)."""
    try:
        return DOCUMENTS[Modele(modele)]
    except (ValueError, KeyError):
        raise ModeleInconnu(modele) from None


def verifier_apercu(document: DefinitionDocument, *, par_un_demandeur: bool) -> None:
    """An applicant may only have the public documents (Annexe 1): the others would be
    official-looking papers made of whatever data the caller sends."""
    if par_un_demandeur and not document.public:
        raise ApercuReserve(document.modele)


def preparer_document(modele: str, variables: Mapping[str, Any], *, aujourdhui: date) -> DocumentPrepare:
    """Validate `variables` for `modele` and compute what the document states."""
    document = definition(modele)
    try:
        donnees = document.donnees.model_validate(variables)
    except ValidationError as erreur:
        raise DonneesInvalides.depuis(document.modele, erreur) from None
    suffixe, contexte = document.preparer(donnees, aujourdhui)
    nom_fichier = f"{document.modele}-{suffixe}.pdf" if suffixe else f"{document.modele}.pdf"
    return DocumentPrepare(document.modele, document.titre, nom_fichier, contexte)
