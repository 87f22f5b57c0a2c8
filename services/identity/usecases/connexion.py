"""Logging in: applicants with their N° étranger (or e-mail), agents with their identifiant.

Failures look and take the same whether the account exists, is not yet active, or the
password is wrong: an argon2 verification always runs.

An attempt runs in three steps: it is first counted as a failure in a transaction of its own
(`Garde.reserver`), so that parallel guesses never get past the lockout; the password is then
checked outside any transaction; a success finally opens the session and gives the counted
place back. The browser that signed in gets a device token: from it, later attempts have a
budget of their own, so a stranger who locks the identifier does not lock out its owner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from contracts.courriel import DemandeCourriel, ModeleCourriel, sujet_demande_courriel
from contracts.identity import DemandeConnexion
from plumbing.clock import PARIS, new_id
from services.identity.domain.comptes import CompteAgent, CompteDemandeur, normaliser_identifiant
from services.identity.domain.erreurs import IdentifiantsIncorrects, TropDeTentatives
from services.identity.domain.fiche import Fiche
from services.identity.domain.jetons import empreinte
from services.identity.domain.mot_de_passe import LONGUEUR_MAXIMALE
from services.identity.domain.ports import Depots
from services.identity.domain.sessions import Session, Titulaire
from services.identity.usecases.contexte import Outils
from services.identity.usecases.fiches import fiche_de
from services.identity.usecases.garde import Garde
from services.identity.usecases.liens import nom_du_titulaire
from services.identity.usecases.sessions import SessionTenue

T = TypeVar("T")
Compte = TypeVar("Compte", CompteDemandeur, CompteAgent)


class Transactions(Protocol):
    """`UnitOfWork.run`: a step in a transaction of its own, committed when it returns."""

    def __call__(self, use_case: Callable[[Depots], T]) -> T: ...


@dataclass(frozen=True, kw_only=True)
class Connexion(SessionTenue):
    """A session just opened, with the opaque token for the visitor's cookie and the browser's
    device token (for a cookie of its own)."""

    jeton: str
    appareil: str


@dataclass(frozen=True)
class _Espace:
    """What differs between the applicants' and the agents' sign-in."""

    titulaire: Titulaire
    compteurs: str  # the namespace of the guess counters

    @property
    def usage_appareil(self) -> str:
        return f"appareil-{self.titulaire}"


DEMANDEURS = _Espace("demandeur", "connexion-demandeur")
AGENTS = _Espace("agent", "connexion-agent")


def connecter_demandeur(
    *, transactions: Transactions, outils: Outils, demande: DemandeConnexion
) -> Connexion:
    """An applicant logs in with their N° étranger, or their e-mail when they have none."""
    identifiant = normaliser_identifiant(demande.identifiant)
    connexion = _Tentative(outils, demande, DEMANDEURS, identifiant)
    compte = connexion.verifier(transactions, lambda d: d.demandeurs.par_identifiant(identifiant))
    rehache = compte.mot_de_passe is not None and outils.hacheur.a_rehacher(compte.mot_de_passe)
    nouvelle_empreinte = (
        outils.hacheur.hacher(demande.mot_de_passe) if rehache else None
    )  # out of the transaction

    def ouvrir(depots: Depots) -> Connexion:
        if nouvelle_empreinte:
            compte.mot_de_passe = nouvelle_empreinte
            depots.demandeurs.enregistrer(compte)
        return connexion.ouvrir(depots, compte, fiche_de(depots, compte))

    return transactions(ouvrir)


def connecter_agent(*, transactions: Transactions, outils: Outils, demande: DemandeConnexion) -> Connexion:
    """An agent logs in with their identifiant."""
    identifiant = demande.identifiant.strip().lower()
    connexion = _Tentative(outils, demande, AGENTS, identifiant)
    agent = connexion.verifier(transactions, lambda d: d.agents.par_identifiant(identifiant))
    return transactions(lambda depots: connexion.ouvrir(depots, agent, agent))


@dataclass(frozen=True)
class _Tentative:
    outils: Outils
    demande: DemandeConnexion
    espace: _Espace
    identifiant: str

    def verifier(self, transactions: Transactions, trouver: Callable[[Depots], Compte | None]) -> Compte:
        """The account whose password was given, or the refusal (`TropDeTentatives`,
        `IdentifiantsIncorrects`, the same whether the account exists or not)."""

        trouve = transactions(trouver)
        compte = trouve if trouve is not None and trouve.actif else None
        # a transaction that only writes first: on SQLite it waits for the write lock instead of
        # failing on a snapshot another attempt made stale
        reservation = transactions(lambda depots: self._garde(depots, compte).reserver())
        if reservation is None:
            raise TropDeTentatives()
        empreinte_mdp = compte.mot_de_passe if compte is not None else None
        if not _mot_de_passe_correct(self.outils, empreinte_mdp, self.demande.mot_de_passe) or compte is None:
            if reservation.verrouille and isinstance(compte, CompteDemandeur):
                transactions(lambda d: _avertir_du_blocage(d, self.outils, compte))
            raise IdentifiantsIncorrects()
        return compte

    def ouvrir(
        self, depots: Depots, compte: CompteDemandeur | CompteAgent, titulaire: Fiche | CompteAgent
    ) -> Connexion:
        """After `verifier`: the session, the counters set back, the browser's new device token."""
        self._garde(depots, compte).reussite()
        jeton, session = _ouvrir_session(depots, self.outils, self.espace.titulaire, compte.id)
        appareil = self.outils.signataire.jeton_appareil(self.espace.usage_appareil, compte.id)
        return Connexion(jeton=jeton, session=session, titulaire=titulaire, appareil=appareil)

    def _garde(self, depots: Depots, compte: CompteDemandeur | CompteAgent | None) -> Garde:
        appareil = _appareil(self.outils, self.espace, self.demande, compte)
        return Garde.pour(
            depots,
            self.outils,
            self.espace.compteurs,
            self.identifiant,
            self.demande.adresse_client,
            appareil,
        )


def _appareil(
    outils: Outils, espace: _Espace, demande: DemandeConnexion, compte: CompteDemandeur | CompteAgent | None
) -> str | None:
    """The browser's name, when its device token says this account signed in from it before."""
    if not demande.appareil or compte is None:
        return None
    age_maximal = int(outils.reglages.duree_appareil.total_seconds())
    lu = outils.signataire.appareil(demande.appareil, espace.usage_appareil, age_maximal)
    return lu[1] if lu is not None and lu[0] == compte.id else None


def _avertir_du_blocage(depots: Depots, outils: Outils, compte: CompteDemandeur) -> None:
    """Tell the owner that their identifier is locked for a while, and what to do if it was not them."""
    maintenant = outils.clock.now()
    jusqu_au = maintenant + outils.reglages.limitation_identifiant.blocage
    demande = DemandeCourriel(
        modele=ModeleCourriel.COMPTE_BLOQUE,
        destinataire=compte.courriel,
        donnees={
            "lien": f"{outils.reglages.url_publique.rstrip('/')}/compte/mot-de-passe-oublie",
            "expiration": jusqu_au.astimezone(PARIS).isoformat(timespec="minutes"),
            **nom_du_titulaire(depots, compte),
        },
        idempotence=f"identity-compte-bloque-{compte.id}-{maintenant.isoformat()}",
    )
    depots.evenements.publier(sujet_demande_courriel("identity"), demande.model_dump(mode="json"))


def _mot_de_passe_correct(outils: Outils, empreinte_mdp: str | None, mot_de_passe: str) -> bool:
    if len(mot_de_passe) > LONGUEUR_MAXIMALE:
        return False  # never set such a password; don't spend argon2 time on it either
    if empreinte_mdp is None:
        outils.hacheur.verification_factice(mot_de_passe)
        return False
    return outils.hacheur.verifier(empreinte_mdp, mot_de_passe)


def _ouvrir_session(
    depots: Depots, outils: Outils, titulaire: Titulaire, titulaire_id: str
) -> tuple[str, Session]:
    """A new opaque token for the visitor's cookie; only its fingerprint is kept."""
    jeton = outils.nouveau_jeton_session()
    session = outils.reglages.session.ouvrir(new_id(), titulaire, titulaire_id, outils.clock.now())
    depots.sessions.ajouter(session, empreinte(jeton))
    return jeton, session
