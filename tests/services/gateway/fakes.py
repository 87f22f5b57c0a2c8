"""In-memory stand-ins of identity and the notifier, answering as their APIs do."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from contracts.clients.base import NotFound, RequestRefused, ServiceUnavailable
from contracts.identity import (
    Adresse,
    ChangementAdresse,
    DeclarationAdresse,
    DemandeConnexion,
    DemandeCreationCompte,
    DemandeMotDePasse,
    DemandeOubliMotDePasse,
    EtatCivil,
    FicheDemandeur,
    ReponseMessage,
    SessionCourante,
    SessionOuverte,
    TitreEnCours,
)
from services.gateway.domain.ports import ConnexionBloquee
from services.identity.adapters.mots_de_passe_courants import politique_mot_de_passe
from services.identity.domain.erreurs import MotDePasseRefuse
from services.identity.domain.mot_de_passe import Demandeur

TITRE = ("9900000007", date(2025, 1, 2), date(2026, 1, 1))
MOT_DE_PASSE = "Tournesol.Lille59!"
JETON_LIEN = "lien-valide"
POLITIQUE = politique_mot_de_passe()
FICHE = FicheDemandeur(
    id="compte-7",
    etat_civil=EtatCivil(
        nom_naissance="Etranger",
        prenoms="Sept",
        sexe="F",
        date_naissance=date(2006, 7, 1),
        pays_naissance="Bresil",
        lieu_naissance="Brasilia",
        nationalite="Brésilienne",
    ),
    numero_etranger="5903007178",
    courriel="septetranger@yopmail.com",
    adresse=Adresse(voie="RUE NATIONALE", code_postal="59000", ville="LILLE"),
    titre_en_cours=TitreEnCours(
        type="MNA placé avant 16 ans",
        mention="VIE PRIVÉE ET FAMILIALE",
        numero=TITRE[0],
        date_debut=TITRE[1],
        date_fin=TITRE[2],
    ),
    prefecture="59",
)


class FakeComptes:
    def __init__(self) -> None:
        self.demandes: list[object] = []
        self.sessions: dict[str, SessionCourante] = {}
        self.echecs = 0
        self.indisponible = False
        self.fiche = FICHE  # the register's, as identity answers it now
        self.changements: list[ChangementAdresse] = []

    def _disponible(self) -> None:
        if self.indisponible:
            raise ServiceUnavailable("Service identity injoignable (ConnectError).")

    async def creer_compte(self, demande: DemandeCreationCompte) -> ReponseMessage:
        self._disponible()
        self.demandes.append(demande)
        if (demande.numero_titre, demande.date_debut_validite, demande.date_fin_validite) != TITRE:
            raise RequestRefused(
                422, "Les informations saisies ne correspondent à aucun visa ni titre de séjour."
            )
        return ReponseMessage(
            message="Demande de création de compte bien enregistrée.",
            paragraphes=[
                "Vous devez confirmer votre adresse email et créer votre mot de passe avant de pouvoir envoyer votre demande.",
                "Votre identifiant de connexion sera votre N° Etranger",
            ],
        )

    async def confirmer_courriel(self, jeton: str) -> ReponseMessage:
        self._lien(jeton)
        return ReponseMessage(message="Votre adresse email a bien été validée.")

    async def creer_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage:
        self._lien(demande.jeton)
        self.demandes.append(demande)
        self._regle_d_identity(demande)
        return ReponseMessage(
            message="Votre compte a bien été créé.",
            paragraphes=[
                "Vous pouvez désormais vous connecter.",
                "Votre identifiant de connexion est votre N° Etranger",
            ],
        )

    async def demander_reinitialisation(self, demande: DemandeOubliMotDePasse) -> ReponseMessage:
        self.demandes.append(demande)
        return ReponseMessage(
            message="Si un compte correspond à cet identifiant, un email vous a été envoyé."
        )

    async def verifier_lien_reinitialisation(self, jeton: str) -> ReponseMessage:
        self._lien(jeton)
        return ReponseMessage(message="ok")

    async def reinitialiser_mot_de_passe(self, demande: DemandeMotDePasse) -> ReponseMessage:
        self._lien(demande.jeton)
        self.demandes.append(demande)
        self._regle_d_identity(demande)
        return ReponseMessage(message="Votre mot de passe a bien été modifié.")

    @staticmethod
    def _regle_d_identity(demande: DemandeMotDePasse) -> None:
        """identity's own password rule, for the applicant of the fiche: 422 with its message."""
        civil = FICHE.etat_civil
        demandeur = Demandeur(
            noms=(civil.nom_naissance, civil.prenoms), numero_etranger=FICHE.numero_etranger
        )
        try:
            POLITIQUE.verifier(demande.mot_de_passe, demande.confirmation_mot_de_passe, demandeur)
        except MotDePasseRefuse as refus:
            raise RequestRefused(422, refus.message) from None

    async def connecter(self, demande: DemandeConnexion) -> SessionOuverte:
        self._disponible()
        if self.echecs >= 5:
            raise ConnexionBloquee(
                "Trop de tentatives. Pour votre sécurité, réessayez dans quelques minutes."
            )
        if (demande.identifiant, demande.mot_de_passe) != (self.fiche.numero_etranger, MOT_DE_PASSE):
            self.echecs += 1
            raise RequestRefused(401, "Identifiant ou mot de passe incorrect.")
        jeton = f"session-{len(self.sessions) + 1}"
        expire = datetime.now(UTC) + timedelta(minutes=30)
        acteur = f"demandeur:{self.fiche.id}"
        self.sessions[jeton] = SessionCourante(
            id=jeton, expire_le=expire, acteur=acteur, demandeur=self.fiche
        )
        return SessionOuverte(jeton=jeton, expire_le=expire, acteur=acteur, demandeur=self.fiche)

    async def session(self, jeton: str) -> SessionCourante | None:
        self._disponible()
        return self.sessions.get(jeton)

    async def deconnecter(self, jeton: str) -> None:
        self.sessions.pop(jeton, None)

    async def declarer_adresse(
        self, acteur: str, demandeur_id: str, declaration: DeclarationAdresse
    ) -> ChangementAdresse:
        self._disponible()
        if acteur != f"demandeur:{demandeur_id}" or demandeur_id != self.fiche.id:
            raise NotFound(404, "Demandeur introuvable.")
        if declaration.adresse.ligne() == self.fiche.adresse.ligne():
            raise RequestRefused(
                422, "Cette adresse est déjà celle qui est enregistrée : aucun changement à déclarer."
            )
        changement = ChangementAdresse(
            id=f"changement-{len(self.changements) + 1}",
            declare_le=datetime.now(UTC),
            declare_par=demandeur_id,
            ancienne=self.fiche.adresse,
            nouvelle=declaration.adresse,
            justificatif=declaration.justificatif,
            prefecture=declaration.adresse.code_postal[:2],
        )
        self.changements.insert(0, changement)
        self.fiche = self.fiche.model_copy(
            update={"adresse": declaration.adresse, "prefecture": changement.prefecture}
        )
        for jeton, session in self.sessions.items():
            self.sessions[jeton] = session.model_copy(update={"demandeur": self.fiche})
        return changement

    async def historique_adresses(self, acteur: str, demandeur_id: str) -> list[ChangementAdresse]:
        self._disponible()
        if acteur != f"demandeur:{demandeur_id}":
            raise NotFound(404, "Demandeur introuvable.")
        return list(self.changements)

    def _lien(self, jeton: str) -> None:
        if jeton != JETON_LIEN:
            raise RequestRefused(400, "Ce lien n'est plus valide : il a déjà été utilisé ou il a expiré.")
