"""The texts of the notifications, in the seed's wording ("Notification de décision", ...).

Where the seed shows a notification, its text is copied; where it only names one (prolongation,
refus, clôture, désistement, titre disponible), the text follows the same voice and layout.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from contracts.documents import PieceCode, libelle_piece
from contracts.jobs.notifier import NotifierInput
from contracts.notifier import ContenuNotification, FichierExamine, PieceDemandee, PieceJointe
from contracts.process import Modele
from contracts.variables import Delais, DocumentProduit, MotifComplement
from contracts.variables import PieceDemandee as PieceADemander

MINISTERE = "Ministère de l'Intérieur et des Outre-Mer"
SIGNATURE_AGENT = ["Cordialement,", "L'agent Instructeur", MINISTERE]
SIGNATURE_DGEF = ["Cordialement,", "La Direction Générale des Etrangers en France"]

TITRES: dict[Modele, str] = {
    Modele.CONFIRMATION_DEPOT: "Confirmation de dépôt",
    Modele.DEMANDE_COMPLEMENTS: "Demande de complément",
    Modele.ATTESTATION_PROLONGATION: "Notification de prolongation de l'instruction",
    Modele.ATTESTATION_DECISION_FAVORABLE: "Notification de décision",
    Modele.DECISION_REFUS: "Notification de décision",
    Modele.TITRE_DISPONIBLE: "Notification de mise à disposition du titre",
    Modele.CLOTURE_INCOMPLET: "Notification de clôture de la demande",
    Modele.DESISTEMENT: "Notification de désistement",
}

INFORMATION_COMPLEMENTS = (
    "Vous devez mettre à jour ou maintenir tous les documents justificatifs en fonction de ce qui vous "
    "est demandé par l'agent afin de pouvoir répondre. Les formats acceptés : .jpg, .png, .pdf, .tiff, "
    ".bmp. La taille maximale : 10 Mo"
)
AVERTISSEMENT_COMPLEMENTS = (
    "Si vous n'apportez pas les compléments nécessaires dans un délai de {delai} après avoir pris "
    "connaissance de ce message, votre demande pourra être considérée comme incomplète par "
    "l'administration qui ne sera pas en mesure de prendre une décision d'acceptation ou de refus de "
    "votre demande, et elle sera clôturée."
)


PHRASES_MOTIF: dict[MotifComplement, str] = {
    MotifComplement.ILLISIBLE: "Les documents mentionnés ci-dessous ne sont pas lisibles :",
    MotifComplement.MANQUANT: "Les documents mentionnés ci-dessous sont manquants :",
    MotifComplement.PERIME: "Les documents mentionnés ci-dessous ne sont plus en cours de validité :",
    MotifComplement.INCOMPLET: "Les documents mentionnés ci-dessous sont incomplets :",
    MotifComplement.AUTRE: "Les documents mentionnés ci-dessous sont à reprendre ({precision}) :",
}
"""The guide's sentence (« …ne sont pas lisibles : ») for each reason the agent may give."""


def phrase_du_motif(motif: MotifComplement, precision: str | None = None) -> str:
    return PHRASES_MOTIF[motif].format(precision=(precision or "").strip().rstrip(".:; ") or "autre motif")


def objet_de_la_ronde(ronde: int) -> str:
    return f"Demande de compléments n° {ronde}"


@dataclass(frozen=True)
class JustificatifsExamines:
    """What the agent examined, piece by piece: the current files, and the e-photo number."""

    fichiers: Mapping[str, tuple[FichierExamine, ...]] = field(default_factory=dict)
    numero_ephoto: str | None = None


class VariablesManquantes(ValueError):
    """The process did not give what a notification needs (a modelling error: the job fails)."""


class ModeleSansNotification(ValueError):
    """The template names a PDF only (e.g. the list of pieces), not a notification."""


@dataclass(frozen=True)
class Redaction:
    """What a notification says, from the process variables of its dossier."""

    modele: Modele
    numero_demande: str
    prenoms: str = ""
    nom: str = ""
    pieces_demandees: tuple[PieceDemandee, ...] = ()
    motif_decision: str = ""
    delai_reponse: str = ""  # « 30 jours »: the model's delais.reponseComplements
    delai_reponse_iso: str = ""  # the same, `P30D`, for the answer's last day once opened
    ronde: int | None = None

    @property
    def titre(self) -> str:
        return TITRES[self.modele]

    def contenu(self) -> ContenuNotification:
        return _REDACTEURS[self.modele](self)

    def salutation(self, *, majuscules: bool = False, virgule: bool = True) -> str:
        nom = self.nom.upper() if majuscules else self.nom.capitalize()
        qui = " ".join(part for part in (self.prenoms.upper(), nom) if part)
        text = f"Bonjour {qui}" if qui else "Bonjour"
        return f"{text}," if virgule or not qui else text


def verifier_modele(modele: str) -> Modele:
    try:
        known = Modele(modele)
    except ValueError:
        raise ModeleSansNotification(f"modèle de notification inconnu : {modele!r}") from None
    if known not in TITRES:
        raise ModeleSansNotification(f"le modèle {known.value!r} n'a pas de notification")
    return known


def pieces_demandees(
    pieces: list[PieceADemander], examines: JustificatifsExamines | None = None
) -> tuple[PieceDemandee, ...]:
    """`piecesDemandees` of the agent's form, each with the catalogue's label, the sentence of its
    reason and the files the agent examined."""
    examines = examines or JustificatifsExamines()
    return tuple(
        PieceDemandee(
            piece=p.piece,
            libelle=libelle_piece(p.piece),
            observation=p.observation,
            motif=p.motif.value,
            phrase=phrase_du_motif(p.motif, p.precision_motif),
            fichiers=list(examines.fichiers.get(p.piece, ())),
            numero_ephoto=examines.numero_ephoto if p.piece == PieceCode.PHOTOGRAPHIE_IDENTITE else None,
        )
        for p in pieces
    )


def piece_jointe(modele: Modele, document: DocumentProduit | None) -> tuple[PieceJointe, ...]:
    """The PDF of the previous `pdf.generer` task is attached only if it was made for this notification.

    `document` keeps the last PDF rendered in the instance: a demande de compléments must not carry
    the confirmation de dépôt rendered earlier.
    """
    if document is None or document.modele != modele.value or not document.id:
        return ()
    nom = document.nom_fichier or None
    return (PieceJointe(document_id=document.id, nom_fichier=nom, modele=modele.value),)


def _depot(r: Redaction) -> ContenuNotification:
    return ContenuNotification(
        salutation=r.salutation(),
        paragraphes=[
            f"Votre demande de titre de séjour n° {r.numero_demande} a bien été enregistrée. "
            "Elle sera instruite par les services de l'Etat.",
            "Vous trouverez en pièce jointe la confirmation de dépôt de votre demande. Ce document "
            "constitue la preuve de dépôt de votre demande.",
            "Vous serez informé(e) de l'état d'avancement de votre dossier et, si nécessaire, d'une demande "
            "de pièces complémentaires, par message électronique vous invitant à vous connecter à votre "
            "espace sur le site de l'administration numérique pour les étrangers en France.",
        ],
        signature=SIGNATURE_DGEF,
    )


def _complements(r: Redaction) -> ContenuNotification:
    return ContenuNotification(
        salutation=r.salutation(majuscules=True, virgule=False),
        paragraphes=[
            "Je vous informe qu'après avoir pris connaissance des documents justificatifs joints à votre "
            "demande, un complément d'information est nécessaire à la poursuite de son instruction."
        ],
        information=INFORMATION_COMPLEMENTS,
        pieces_demandees=list(r.pieces_demandees),
        avertissement=AVERTISSEMENT_COMPLEMENTS.format(delai=_delai_reponse(r)),
        signature=SIGNATURE_AGENT,
        ronde=r.ronde,
        objet=objet_de_la_ronde(r.ronde) if r.ronde else None,
        delai_reponse=r.delai_reponse_iso or None,
    )


def _prolongation(r: Redaction) -> ContenuNotification:
    return ContenuNotification(
        salutation=r.salutation(),
        paragraphes=[
            f"Je vous informe que votre demande en ligne de titre de séjour n° {r.numero_demande} est "
            "toujours en cours d'instruction.",
            "Vous trouverez en pièce jointe une attestation de prolongation d'instruction, valable 3 mois, "
            "qui vous permettra de justifier de votre droit au séjour et de maintenir vos droits associés "
            "dans l'attente de la décision.",
            "Cette attestation n'est valable qu'accompagnée du titre précédemment détenu même s'il est "
            "arrivé à expiration.",
        ],
        signature=SIGNATURE_AGENT,
    )


def _favorable(r: Redaction) -> ContenuNotification:
    return ContenuNotification(
        salutation=r.salutation(),
        paragraphes=[
            f"Je vous informe que votre demande en ligne de titre de séjour n° {r.numero_demande} a été "
            "acceptée. Un nouveau titre de séjour est en cours de fabrication et vous sera prochainement "
            "remis.",
            "Dans l'attente de cette remise, vous trouverez en pièce jointe l'attestation de décision "
            "favorable qui vous permettra de justifier votre droit au séjour et de maintenir vos droits "
            "associés dans l'attente de la remise de votre nouveau titre en préfecture.",
            "L'administration vous recontactera pour que vous veniez retirer ce titre en préfecture, et "
            "vous précisera le montant de la taxe à acquitter.",
        ],
        signature=SIGNATURE_AGENT,
    )


def _refus(r: Redaction) -> ContenuNotification:
    motif = [f"Motif de la décision : {r.motif_decision}"] if r.motif_decision else []
    return ContenuNotification(
        salutation=r.salutation(),
        paragraphes=[
            f"Je vous informe que votre demande en ligne de titre de séjour n° {r.numero_demande} a été "
            "refusée.",
            *motif,
            "Vous trouverez en pièce jointe la décision motivée de refus. Elle précise les voies et délais "
            "de recours dont vous disposez pour la contester.",
        ],
        signature=SIGNATURE_AGENT,
    )


def _titre_disponible(r: Redaction) -> ContenuNotification:
    return ContenuNotification(
        salutation=r.salutation(),
        paragraphes=[
            f"Je vous informe que le titre de séjour délivré à la suite de votre demande n° "
            f"{r.numero_demande} est disponible en préfecture.",
            "Vous pouvez venir le retirer muni(e) de l'attestation de décision favorable, du titre "
            "précédemment détenu et du timbre fiscal électronique correspondant au montant des taxes à "
            "acquitter, acheté au préalable en ligne, dans un bureau de tabac ou sur les bornes installées "
            "dans certains services fiscaux.",
        ],
        signature=SIGNATURE_AGENT,
    )


def _cloture(r: Redaction) -> ContenuNotification:
    return ContenuNotification(
        salutation=r.salutation(),
        paragraphes=[
            f"Je vous informe que votre demande en ligne de titre de séjour n° {r.numero_demande} a été "
            "clôturée : les compléments demandés n'ont pas été apportés dans le délai de "
            f"{_delai_reponse(r)} qui suivait la prise de connaissance de la demande de "
            "complément.",
            "Votre demande étant incomplète, l'administration n'a pas été en mesure de prendre une décision "
            "d'acceptation ou de refus. Si vous souhaitez obtenir un titre de séjour, vous devez déposer "
            "une nouvelle demande.",
        ],
        signature=SIGNATURE_AGENT,
    )


def _delai_reponse(r: Redaction) -> str:
    """The deadline is the model's (task « Fixer les délais de la procédure »), never the notifier's."""
    if not r.delai_reponse:
        raise VariablesManquantes("la variable delais (reponseComplements) manque")
    return r.delai_reponse


def _desistement(r: Redaction) -> ContenuNotification:
    return ContenuNotification(
        salutation=r.salutation(),
        paragraphes=[
            f"Je vous confirme l'enregistrement de votre désistement de la demande en ligne de titre de "
            f"séjour n° {r.numero_demande}. Votre demande a été clôturée et ne sera pas instruite.",
        ],
        signature=SIGNATURE_AGENT,
    )


_REDACTEURS: dict[Modele, Callable[[Redaction], ContenuNotification]] = {
    Modele.CONFIRMATION_DEPOT: _depot,
    Modele.DEMANDE_COMPLEMENTS: _complements,
    Modele.ATTESTATION_PROLONGATION: _prolongation,
    Modele.ATTESTATION_DECISION_FAVORABLE: _favorable,
    Modele.DECISION_REFUS: _refus,
    Modele.TITRE_DISPONIBLE: _titre_disponible,
    Modele.CLOTURE_INCOMPLET: _cloture,
    Modele.DESISTEMENT: _desistement,
}


def rediger(
    modele: Modele, entree: NotifierInput, examines: JustificatifsExamines | None = None
) -> Redaction:
    """What a notification needs from the job's variables (absent ones stay empty)."""
    demandeur, delais = entree.demandeur, entree.delais
    return Redaction(
        modele=modele,
        numero_demande=entree.numero_demande or "",
        prenoms=demandeur.prenoms if demandeur else "",
        nom=demandeur.nom if demandeur else "",
        pieces_demandees=pieces_demandees(entree.pieces_demandees, examines),
        motif_decision=entree.motif_decision or "",
        delai_reponse=delais.reponse_complements.en_toutes_lettres() if delais else "",
        delai_reponse_iso=_iso(delais) if delais else "",
        ronde=entree.ronde_complements,
    )


def _iso(delais: Delais) -> str:
    return str(delais.model_dump(mode="json")["reponseComplements"])
