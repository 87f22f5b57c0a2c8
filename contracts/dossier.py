"""The dossier service's internal API and events: the application from draft to decision.

The gateway (applicants) and the back-office (agents) call the dossier service's internal API and
exchange these models. JSON is camelCase, Python attributes snake_case. Events are published on
`dossier.dossier.<event>` (stream `DOSSIER`) and carry identifiers only.

Internal API of the dossier service (port `SERVICE_PORTS["dossier"]`), every call with
an actor token identity signed (`plumbing.actors`). An applicant reaches only their own dossiers, an
agent only the deposited dossiers of their préfectures; anything else answers 404. Errors are
`{"detail": "<français>"}`, with `erreurs: [{champ, message}]` for bad input (422) and
`RefusDepot` (422) for an incomplete deposit or missing pieces at step 3.

    POST /dossiers                                         CreationBrouillon -> DossierVue (201; 200 resumed;
                                                           403 when the procedure is not the applicant's)
    GET  /dossiers                                         -> list[DossierResume] (the applicant's)
    GET  /dossiers/{id}                                    -> DossierVue (applicant or agent)
    PUT  /dossiers/{id}/etapes/informations-personnelles   EtapeInformationsPersonnelles -> DossierVue
                                                           (the address is the register's, read from identity)
    PUT  /dossiers/{id}/etapes/motif-sejour                EtapeMotifSejour -> DossierVue (422 + titre
                                                           "Demandeur non éligible" when placed after 16)
    PUT  /dossiers/{id}/etapes/justificatifs               EtapeJustificatifs -> DossierVue (asks documents)
    PUT  /dossiers/{id}/etapes/depot                       EtapeDepot -> DossierVue
    POST /dossiers/{id}/abandon                            -> DossierVue ("Abandonner la demande")
    POST /dossiers/{id}/depot                              EtapeDepot (optional) -> DossierVue (idempotent;
                                                           routed by the register's address, read from identity)
    GET  /dossiers/{id}/historique                         -> HistoriqueStatuts
    GET  /dossiers/{id}/complet                            -> DossierComplet (what a page needs, in
                                                           one call: the dossier, its history, rounds,
                                                           agents' actions, pieces and generated PDFs)
    POST /dossiers/{id}/actions                            ActionAgentSaisie -> ActionAgentVue (201;
                                                           an agent of the dossier's préfecture)
    GET  /dossiers/{id}/complements                        -> list[RondeComplementsVue]
    GET  /dossiers/{id}/complements/{n}                    -> RondeComplementsVue
    PUT  /dossiers/{id}/complements/{n}/pieces/{code}      ReponsePieceComplement -> RondeComplementsVue
    POST /dossiers/{id}/complements/{n}/envoi              -> RondeComplementsVue ("Valider et envoyer", once)
    POST /dossiers/{id}/desistement                        -> DossierVue (until the decision, once)
    GET  /agent/dossiers?prefecture=&statut=&cas=&numeroDemande=&page=&parPage=   -> PageDossiers

Statuses (`Statut`) are also the values of the `statut` header of the `dossier.changer-statut` job
(only `STATUTS_PROCESSUS`); `dossier.ouvrir-complements` and `dossier.enregistrer-decision` throw the
BPMN error `dossier-clos` (`ErreurMetier`) on a withdrawn or closed dossier.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from contracts.base import ContractModel
from contracts.documents import DocumentGenere, PiecesDossier
from contracts.identity import Adresse, EtatCivil, TitreEnCours

STREAM_DOSSIER = "DOSSIER"
SUBJECTS_DOSSIER = ["dossier.dossier.>"]
PAR_PAGE_DEFAUT = 20
PAR_PAGE_MAX = 100


class Statut(StrEnum):
    """Where the application stands; `LIBELLES_STATUT` is what the applicant reads."""

    BROUILLON = "brouillon"
    ABANDONNEE = "abandonnee"
    DEPOSEE = "deposee"
    EN_INSTRUCTION = "en_instruction"
    COMPLEMENTS_DEMANDES = "complements_demandes"
    COMPLEMENTS_DEPOSES = "complements_deposes"
    ACCEPTEE = "acceptee"
    REFUSEE = "refusee"
    TITRE_DISPONIBLE = "titre_disponible"
    CLOTUREE_INCOMPLETE = "cloturee_incomplete"
    DESISTEMENT = "desistement"


LIBELLES_STATUT: dict[Statut, str] = {
    Statut.BROUILLON: "Demande en cours de saisie",
    Statut.ABANDONNEE: "Demande abandonnée",
    Statut.DEPOSEE: "Demande déposée",
    Statut.EN_INSTRUCTION: "Demande en cours d'instruction",
    Statut.COMPLEMENTS_DEMANDES: "Demande de complément",
    Statut.COMPLEMENTS_DEPOSES: "Demande de complément répondu",
    Statut.ACCEPTEE: "Demande acceptée",
    Statut.REFUSEE: "Demande refusée",
    Statut.TITRE_DISPONIBLE: "Titre disponible en préfecture",
    Statut.CLOTUREE_INCOMPLETE: "Demande clôturée : dossier incomplet",
    Statut.DESISTEMENT: "Demande clôturée : désistement",
}

STATUTS_PROCESSUS = frozenset(
    {
        Statut.DEPOSEE,
        Statut.EN_INSTRUCTION,
        Statut.COMPLEMENTS_DEMANDES,
        Statut.COMPLEMENTS_DEPOSES,
        Statut.TITRE_DISPONIBLE,
    }
)
"""Statuses the process may set through `dossier.changer-statut` (the others have their own job)."""


class Cas(StrEnum):
    """The three cases of the seed, derived from the birth date and the emancipation box."""

    MINEUR = "mineur"
    MINEUR_EMANCIPE = "mineur_emancipe"
    MAJEUR = "majeur"


LIBELLES_CAS: dict[Cas, str] = {
    Cas.MINEUR: "Usager mineur non émancipé",
    Cas.MINEUR_EMANCIPE: "Usager mineur émancipé",
    Cas.MAJEUR: "Usager majeur",
}


class Etape(StrEnum):
    """The steps of "Déposez votre demande en 5 étapes" that hold data (5 is the confirmation)."""

    INFORMATIONS_PERSONNELLES = "informations-personnelles"
    MOTIF_SEJOUR = "motif-sejour"
    JUSTIFICATIFS = "justificatifs"
    DEPOT = "depot"

    @property
    def numero(self) -> int:
        return list(Etape).index(self) + 1


class SituationFamiliale(StrEnum):
    CELIBATAIRE = "celibataire"
    MARIE = "marie"
    PACSE = "pacse"
    CONCUBINAGE = "concubinage"
    SEPARE = "separe"
    DIVORCE = "divorce"
    VEUF = "veuf"


LIBELLES_SITUATION_FAMILIALE: dict[SituationFamiliale, str] = {
    SituationFamiliale.CELIBATAIRE: "Célibataire",
    SituationFamiliale.MARIE: "Marié(e)",
    SituationFamiliale.PACSE: "Pacsé(e)",
    SituationFamiliale.CONCUBINAGE: "Concubin(e)",
    SituationFamiliale.SEPARE: "Séparé(e)",
    SituationFamiliale.DIVORCE: "Divorcé(e)",
    SituationFamiliale.VEUF: "Veuf(ve)",
}


class Attestation(StrEnum):
    """Sworn statements of step 2 ("En cochant les cases suivantes, j'atteste sur l'honneur :")."""

    BESOIN_TITRE = "besoin_titre"
    NON_POLYGAMIE = "non_polygamie"
    SANCTIONS_PENALES = "sanctions_penales"


LIBELLES_ATTESTATION: dict[Attestation, str] = {
    Attestation.BESOIN_TITRE: "Avoir besoin de disposer d'un titre afin de pouvoir travailler ou faire un stage.",
    Attestation.NON_POLYGAMIE: "Ne pas vivre en France en état de polygamie, même si mon pays d'origine l'autorise.",
    Attestation.SANCTIONS_PENALES: "Avoir connaissance des sanctions pénales encourues par l'auteur d'une fausse attestation.",
}

ATTESTATIONS_PAR_CAS: dict[Cas, tuple[Attestation, ...]] = {
    Cas.MINEUR: (Attestation.BESOIN_TITRE, Attestation.SANCTIONS_PENALES),
    Cas.MINEUR_EMANCIPE: (Attestation.BESOIN_TITRE, Attestation.NON_POLYGAMIE, Attestation.SANCTIONS_PENALES),
    Cas.MAJEUR: (Attestation.NON_POLYGAMIE, Attestation.SANCTIONS_PENALES),
}

TITRE_NON_ELIGIBLE = "Demandeur non éligible"
MESSAGE_NON_ELIGIBLE = (
    "Vous ne pouvez pas accéder à cette téléprocédure. La demande de titre de séjour pour ce motif est "
    "accessible uniquement aux demandeurs confiés à l'Aide Sociale à l'Enfance (ASE) au plus tard à "
    "l'âge de 16 ans. Pour en savoir plus, vous pouvez vous rapprocher de la préfecture dont vous dépendez."
)


class PourQui(StrEnum):
    """« Je sollicite ou renouvelle un titre de séjour pour : »."""

    MOI_MEME = "moi-meme"  # « Moi-même (à partir de 16 ans) »: this procedure
    MINEUR_PROTECTION_INTERNATIONALE = "mineur-protection-internationale"  # another procedure


TYPE_RENOUVELABLE = "MNA placé avant 16 ans"
MENTION_RENOUVELABLE = "VIE PRIVÉE ET FAMILIALE"
AGE_MINIMUM_DEMANDE = 16
HORS_PROCEDURE_TITRE = (
    "Ce service en ligne renouvelle uniquement le titre de séjour « MNA placé avant 16 ans » portant la "
    "mention « VIE PRIVÉE ET FAMILIALE » : votre demande relève d'une autre démarche."
)
HORS_PROCEDURE_POUR = (
    "Ce service en ligne permet uniquement de demander le renouvellement de votre propre titre de séjour "
    "(« Moi-même (à partir de 16 ans) ») : votre demande relève d'une autre démarche."
)
HORS_PROCEDURE_AGE = (
    "Ce service en ligne est ouvert à partir de 16 ans (« Moi-même (à partir de 16 ans) ») : "
    "votre demande relève d'une autre démarche."
)
ADRESSE_DU_REGISTRE = (
    "L'adresse ne se modifie pas dans la demande. Si vous avez déménagé, déclarez d'abord votre nouvelle "
    "adresse avec « Je déclare un changement de situation », puis reprenez votre demande."
)


def _comparable(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return " ".join(sans_accents.upper().split())


def titre_renouvelable(titre: TitreEnCours) -> bool:
    """The title this procedure renews: « MNA placé avant 16 ans », « VIE PRIVÉE ET FAMILIALE »
    (compared without accents, case or extra spaces)."""
    return _comparable(titre.type) == _comparable(TYPE_RENOUVELABLE) and _comparable(
        titre.mention
    ) == _comparable(MENTION_RENOUVELABLE)


class ReponseComplement(StrEnum):
    MAINTENIR = "maintenir"
    METTRE_A_JOUR = "mettre_a_jour"


LIBELLES_REPONSE_COMPLEMENT: dict[ReponseComplement, str] = {
    ReponseComplement.MAINTENIR: "Maintenir le document",
    ReponseComplement.METTRE_A_JOUR: "Mettre à jour le document",
}


class MotifCloture(StrEnum):
    """Values of the `motif` header of `dossier.cloturer`."""

    INCOMPLET = "incomplet"
    DESISTEMENT = "desistement"


class Decision(StrEnum):
    FAVORABLE = "favorable"
    DEFAVORABLE = "defavorable"


class ErreurMetier(StrEnum):
    """BPMN error codes thrown by the dossier workers (a business failure, not a retry)."""

    DOSSIER_CLOS = "dossier-clos"  # the dossier was withdrawn or closed: nothing more to do


# Requests.


class CreationBrouillon(ContractModel):
    """Start (or resume) the applicant's draft. The dossier reads the register's fiche from identity
    itself (civil status, address, title: copied as a snapshot) and refuses (403, `HORS_PROCEDURE_*`)
    anyone this procedure is not for: another `pour`, under 16, another title than
    « MNA placé avant 16 ans » « VIE PRIVÉE ET FAMILIALE »."""

    pour: PourQui


class EtapeInformationsPersonnelles(ContractModel):
    """Step 1: civil status is read-only; the applicant ticks the box, checks the address, types a phone."""

    mineur_emancipe: bool = False
    # The address is the register's (a move is declared to identity first): leave it out; one that
    # differs from the register's is refused (422, `ADRESSE_DU_REGISTRE` on the field `adresse`).
    adresse: Adresse | None = None
    telephone: str = Field(max_length=30)


class EtapeMotifSejour(ContractModel):
    """Step 2: ASE placement, family situation, dependent children, sworn statements of the case."""

    date_prise_en_charge_ase: date
    situation_familiale: SituationFamiliale
    enfants_a_charge: bool
    attestations: list[Attestation] = Field(default_factory=list, max_length=3)


class EtapeJustificatifs(ContractModel):
    """Step 3: the pieces themselves go to the documents service; the dossier checks with documents
    that nothing the case requires is missing (the guide asks no other question at this step)."""


class EtapeDepot(ContractModel):
    """Step 4: "Observations à destination de l'administration" (optional)."""

    observations: str | None = Field(default=None, max_length=4000)


class ReponsePieceComplement(ContractModel):
    """The applicant's answer to one requested piece (the new files go to the documents service)."""

    reponse: ReponseComplement
    motif: str | None = Field(default=None, max_length=2000)  # required to maintain
    message: str | None = Field(default=None, max_length=2000)  # "Message à l'agent"


# Responses.


class Manquant(ContractModel):
    """One thing missing for a deposit: a field of a step or a piece."""

    etape: Etape
    champ: str
    libelle: str


class RefusDepot(ContractModel):
    """Body of a 422 answer to a deposit: the list of what is missing."""

    detail: str
    manquants: list[Manquant]


class MotifSejour(ContractModel):
    date_prise_en_charge_ase: date
    situation_familiale: SituationFamiliale
    enfants_a_charge: bool
    attestations: list[Attestation]


class DecisionVue(ContractModel):
    decision: Decision
    motif: str | None = None
    date: datetime


class DossierVue(ContractModel):
    """The whole dossier, for its applicant or an agent of its préfecture."""

    id: str
    demandeur_id: str
    statut: Statut
    libelle_statut: str
    cas: Cas | None
    derniere_etape: int  # 0 to 4: resume at the next one
    etat_civil: EtatCivil
    numero_etranger: str | None
    courriel: str
    titre_en_cours: TitreEnCours
    mineur_emancipe: bool
    adresse: Adresse
    telephone: str | None
    motif_sejour: MotifSejour | None
    observations: str | None
    prefecture: str
    numero_demande: str | None
    date_depot: date | None
    depose_le: datetime | None
    desistement_le: datetime | None
    decision: DecisionVue | None
    alertes: list[str]
    cree_le: datetime
    modifie_le: datetime


class DossierResume(ContractModel):
    id: str
    statut: Statut
    libelle_statut: str
    cas: Cas | None
    prefecture: str
    numero_demande: str | None
    date_depot: date | None
    nom_naissance: str
    prenoms: str
    alertes: list[str]
    modifie_le: datetime


class PageDossiers(ContractModel):
    elements: list[DossierResume]
    total: int
    page: int
    par_page: int
    pages: int


class ChangementStatut(ContractModel):
    statut: Statut
    libelle: str
    date: datetime
    motif: str | None = None


class HistoriqueStatuts(ContractModel):
    dossier_id: str
    changements: list[ChangementStatut]


class PieceComplementVue(ContractModel):
    piece: str
    libelle: str | None = None
    observation: str
    motif_demande: str | None = None  # the agent's reason, a contracts.variables.MotifComplement
    precision_motif: str | None = None  # its precision when the reason is « autre »
    reponse: ReponseComplement | None = None
    motif: str | None = None
    message: str | None = None
    repondu_le: datetime | None = None


class RondeComplementsVue(ContractModel):
    dossier_id: str
    numero: int
    ouverte_le: datetime
    envoyee_le: datetime | None
    pieces: list[PieceComplementVue]


class ActionAgent(StrEnum):
    """What an agent did on a dossier (the audit trail shown under « Historique »)."""

    PRISE = "prise"
    RENDUE = "rendue"
    TERMINEE = "terminee"
    DOCUMENT_CONSULTE = "document-consulte"


LIBELLES_ACTION_AGENT: dict[ActionAgent, str] = {
    ActionAgent.PRISE: "Tâche prise",
    ActionAgent.RENDUE: "Tâche rendue",
    ActionAgent.TERMINEE: "Tâche terminée",
    ActionAgent.DOCUMENT_CONSULTE: "Document consulté",
}


class ActionAgentSaisie(ContractModel):
    """An agent's action to record; who did it is the calling actor (never taken from the body)."""

    action: ActionAgent
    tache: str | None = Field(default=None, max_length=200)  # the task's name, « Examiner la demande »
    resultat: str | None = Field(default=None, max_length=500)  # the decision or outcome, in French
    agent_nom: str | None = Field(default=None, max_length=200)  # « Camille DURAND », as shown to agents


class ActionAgentVue(ContractModel):
    dossier_id: str
    agent_id: str
    agent_nom: str | None
    action: ActionAgent
    libelle: str
    tache: str | None
    resultat: str | None
    date: datetime


class DossierComplet(ContractModel):
    """Everything a page shows of one dossier, in one call: the documents service's pieces and
    generated PDFs come along (None / [] with `documents_indisponibles` when it cannot answer)."""

    dossier: DossierVue
    historique: list[ChangementStatut]
    rondes: list[RondeComplementsVue]
    actions: list[ActionAgentVue]
    pieces: PiecesDossier | None = None
    documents_generes: list[DocumentGenere] = Field(default_factory=list)
    documents_indisponibles: bool = False


class EvenementDossier(StrEnum):
    CREE = "cree"
    ETAPE_ENREGISTREE = "etape-enregistree"
    ABANDONNE = "abandonne"
    DEPOSE = "depose"
    ENREGISTRE = "enregistre"
    STATUT_CHANGE = "statut-change"
    COMPLEMENTS_OUVERTS = "complements-ouverts"
    COMPLEMENTS_DEPOSES = "complements-deposes"
    DECISION_ENREGISTREE = "decision-enregistree"
    CLOTURE = "cloture"
    DESISTEMENT = "desistement"
    ALERTE = "alerte"

    @property
    def subject(self) -> str:
        return f"dossier.dossier.{self.value}"


class EvenementDossierPayload(ContractModel):
    """Body of every `dossier.dossier.<event>` event: identifiers, status and dates only."""

    dossier_id: str
    demandeur_id: str
    prefecture: str
    statut: Statut
    date: datetime
    numero_demande: str | None = None
    details: dict[str, str | int | None] = Field(default_factory=dict)
