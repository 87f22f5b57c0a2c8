"""What other services read from identity: the applicant's fiche, the agent, sessions, and the
history of the applicant's address (« Je déclare un changement de situation »).

JSON is camelCase (the process variables' style); Python attributes are snake_case.
The gateway and the back-office call identity's internal API and get these models back; the
dossier reads the fiche (`GET /demandeurs/{id}`) when a draft starts, at step 1 and at the deposit.

    POST /demandeurs/{id}/adresses   DeclarationAdresse -> ChangementAdresse (201; the applicant
                                     themself only, 404 otherwise; 422 in French for an incomplete
                                     or unchanged address, or a proof that is not theirs)
    GET  /demandeurs/{id}/adresses   -> list[ChangementAdresse], newest first (whoever reads the fiche)
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field

from contracts.base import ContractModel
from contracts.variables import Demandeur

Sexe = Literal["F", "M"]

NatureTitre = Literal["titre_sejour", "visa"]
Role = Literal["instructeur", "valideur", "responsable-processus", "admin"]


class EtatCivil(ContractModel):
    """Civil status as held by the register; not editable by the applicant (seed, étape 1)."""

    nom_naissance: str
    nom_usage: str | None = None
    prenoms: str
    sexe: Sexe
    date_naissance: date
    pays_naissance: str
    lieu_naissance: str
    nationalite: str
    emancipe: bool = False  # known emancipation; the applicant still ticks the box in step 1


class Adresse(ContractModel):
    """Bounded as the register's columns: step 1 sends it back edited by the applicant."""

    numero_voie: str | None = Field(default=None, max_length=20)
    voie: str = Field(max_length=200)
    complement: str | None = Field(default=None, max_length=200)
    code_postal: str = Field(max_length=10)  # the dossier checks its 5 digits with its own message
    ville: str = Field(max_length=100)
    pays: str = Field(default="FRANCE", max_length=100)
    code_insee: str | None = Field(default=None, max_length=10)

    def ligne(self) -> str:
        """One line, as printed on the seed's PDFs: "20 RUE NATIONALE 59000 LILLE FRANCE"."""
        parts = [self.numero_voie, self.voie, self.complement, self.code_postal, self.ville, self.pays]
        return " ".join(p for p in parts if p).upper()


class TitreEnCours(ContractModel):
    """The applicant's current title or visa, e.g. type "MNA placé avant 16 ans"."""

    nature: NatureTitre = "titre_sejour"
    type: str  # "en tant que « ... »" in the seed
    mention: str  # e.g. "Vie privée et familiale"
    numero: str
    date_debut: date
    date_fin: date


class FicheDemandeur(ContractModel):
    """An applicant account with its register data: what the dossier copies at draft creation."""

    id: str  # account id, the `demandeur:<id>` actor and the `demandeurId` process variable
    etat_civil: EtatCivil
    numero_etranger: str | None = None  # the login identifier; None for some visa holders
    courriel: str
    adresse: Adresse
    titre_en_cours: TitreEnCours
    prefecture: str = Field(description='préfecture of the address\'s département, e.g. "59"')


class JustificatifDomicile(ContractModel):
    """The proof of address of a change of situation, kept by the documents service: the file
    `fichierId` of the piece « justificatif-domicile » under `dossierId` (the declaration's own)."""

    dossier_id: str = Field(min_length=1, max_length=64)
    fichier_id: str = Field(min_length=1, max_length=64)


class DeclarationAdresse(ContractModel):
    """« Je déclare un changement de situation »: the new address and its proof (the applicant only)."""

    adresse: Adresse
    justificatif: JustificatifDomicile


class ChangementAdresse(ContractModel):
    """One dated entry of the history of the applicant's address: who, when, old → new, the proof."""

    id: str
    declare_le: datetime
    declare_par: str  # the applicant's account id (only the applicant declares)
    ancienne: Adresse
    nouvelle: Adresse
    justificatif: JustificatifDomicile
    prefecture: str = Field(description='préfecture of the new address, e.g. "62"')


def demandeur(
    etat_civil: EtatCivil, numero_etranger: str | None, courriel: str, adresse: Adresse
) -> Demandeur:
    """The `demandeur` process variable, from the register's data or a dossier's copy of it."""
    return Demandeur(
        nom=etat_civil.nom_naissance,
        nom_usage=etat_civil.nom_usage,
        prenoms=etat_civil.prenoms,
        sexe=etat_civil.sexe,
        date_naissance=etat_civil.date_naissance,
        pays_naissance=etat_civil.pays_naissance,
        lieu_naissance=etat_civil.lieu_naissance,
        nationalite=etat_civil.nationalite,
        numero_etranger=numero_etranger,
        courriel=courriel,
        adresse=adresse.ligne(),
    )


class Agent(ContractModel):
    """A préfecture agent or a platform user of the back-office."""

    id: str
    identifiant: str
    nom: str
    prenom: str = ""
    roles: list[Role]
    prefectures: list[str]  # départements, e.g. ["59"]; candidate groups are "prefecture-59"


class SessionOuverte(ContractModel):
    """Answer of a login: an opaque token to keep in a cookie, and who logged in."""

    jeton: str
    appareil: str | None = None  # the browser's device token, for a long-lived cookie of its own
    expire_le: datetime
    acteur: str  # the actor token (JWT identity signs) to send as bearer on the visitor's behalf
    demandeur: FicheDemandeur | None = None
    agent: Agent | None = None


class SessionCourante(ContractModel):
    """Answer of `GET /sessions/current`: who holds the session token."""

    id: str
    expire_le: datetime
    acteur: str  # the actor token (JWT identity signs) to send as bearer on the visitor's behalf
    demandeur: FicheDemandeur | None = None
    agent: Agent | None = None


class SessionResume(ContractModel):
    """One of the caller's open sessions (list / revoke all)."""

    id: str
    ouverte_le: datetime
    derniere_activite_le: datetime
    expire_le: datetime
    courante: bool = False


class SessionsFermees(ContractModel):
    """Answer of `DELETE /sessions`: how many other sessions were closed."""

    sessions_fermees: int


# Requests of the internal API (the gateway and back-office send them on behalf of visitors).


Texte = Annotated[str, Field(max_length=254)]
Secret = Annotated[str, Field(max_length=1024)]  # longer ones are refused by the rules, not here
AdresseClient = Annotated[str | None, Field(default=None, max_length=64)]  # visitor's IP (rate limits)


class DemandeCreationCompte(ContractModel):
    numero_titre: Annotated[str, Field(min_length=1, max_length=30)]
    date_debut_validite: date
    date_fin_validite: date
    courriel: Texte
    confirmation_courriel: Texte
    adresse_client: AdresseClient = None


class DemandeJeton(ContractModel):
    jeton: Annotated[str, Field(min_length=1, max_length=300)]


class DemandeMotDePasse(ContractModel):
    jeton: Annotated[str, Field(min_length=1, max_length=300)]
    mot_de_passe: Secret
    confirmation_mot_de_passe: Secret


class DemandeConnexion(ContractModel):
    identifiant: Annotated[Texte, Field(min_length=1)]  # N° étranger or e-mail; an agent's identifiant
    mot_de_passe: Annotated[Secret, Field(min_length=1)]
    adresse_client: AdresseClient = None
    # the device token of a browser that signed in before (its cookie): a lockout of the
    # identifier does not apply to it, it has a budget of its own
    appareil: Annotated[str, Field(max_length=200)] | None = None


class DemandeOubliMotDePasse(ContractModel):
    identifiant: Annotated[Texte, Field(min_length=1)]
    adresse_client: AdresseClient = None


class ReponseMessage(ContractModel):
    """A plain French message answered where there is nothing else to say, and the paragraphs
    that follow it on the seed's screen (e.g. « Votre identifiant de connexion sera votre N° Etranger »)."""

    message: str
    paragraphes: list[str] = Field(default_factory=list)


SESSION_HEADER = "X-Jeton-Session"
"""Header carrying the applicant's or agent's session token to `/sessions/...`."""
