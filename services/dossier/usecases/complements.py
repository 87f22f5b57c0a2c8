"""The applicant's answer to a complement round, and the withdrawal: each ends in one engine message."""

from __future__ import annotations

from functools import partial

from contracts.dossier import EvenementDossier, ReponsePieceComplement, Statut
from contracts.process import Message, Variable
from plumbing.actors import Actor
from plumbing.clock import Clock
from services.dossier.domain.complements import RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import DossierIntrouvable, EtatIncompatible
from services.dossier.domain.ports import Repositories
from services.dossier.domain.statuts import STATUTS_CLOS
from services.dossier.usecases.acces import dossier_du_demandeur
from services.dossier.usecases.demandeur import ActionsDuDemandeur


def id_message_complements(dossier_id: str, numero: int) -> str:
    return f"complements-deposes-{dossier_id}-{numero}"


def id_message_desistement(dossier_id: str) -> str:
    return f"desistement-{dossier_id}"


def _ronde_du_demandeur(
    repos: Repositories, acteur: Actor, dossier_id: str, numero: int
) -> tuple[Dossier, RondeComplements]:
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    ronde = repos.rondes.charger(dossier.id, numero)
    if ronde is None:
        raise DossierIntrouvable()
    return dossier, ronde


def repondre_piece(
    repos: Repositories,
    *,
    clock: Clock,
    acteur: Actor,
    dossier_id: str,
    numero: int,
    piece: str,
    reponse: ReponsePieceComplement,
) -> RondeComplements:
    """ "Maintenir" or "Mettre à jour" one piece; the answers are sent together later."""
    dossier, ronde = _ronde_du_demandeur(repos, acteur, dossier_id, numero)
    if dossier.statut in STATUTS_CLOS:
        raise EtatIncompatible("La demande est clôturée.")
    ronde.repondre(piece, reponse, maintenant=clock.now())
    repos.rondes.enregistrer(ronde)
    return ronde


def lire_ronde_a_envoyer(
    repos: Repositories, *, acteur: Actor, dossier_id: str, numero: int
) -> RondeComplements:
    return _ronde_du_demandeur(repos, acteur, dossier_id, numero)[1]


def envoyer_ronde(
    repos: Repositories,
    *,
    clock: Clock,
    acteur: Actor,
    dossier_id: str,
    numero: int,
    pieces_remplacees: set[str],
) -> RondeComplements:
    """ "Valider et envoyer": freeze the answers and record the `complements-deposes` message."""
    dossier, ronde = _ronde_du_demandeur(repos, acteur, dossier_id, numero)
    if ronde.envoyee:
        return ronde  # a double click: sent once
    if dossier.statut in STATUTS_CLOS:
        raise EtatIncompatible("La demande est clôturée.")
    ronde.verifier_envoi(pieces_remplacees)
    maintenant = clock.now()
    ronde.envoyer(maintenant=maintenant)
    repos.rondes.enregistrer(ronde)
    dossier.changer_statut(Statut.COMPLEMENTS_DEPOSES, maintenant=maintenant, motif=None, origine=None)
    dossier.noter(EvenementDossier.COMPLEMENTS_DEPOSES, maintenant, {"ronde": numero})
    repos.dossiers.enregistrer(dossier)
    repos.commandes_moteur.publier_message(
        id_message_complements(dossier.id, numero),
        Message.COMPLEMENTS_DEPOSES.value,
        dossier.id,
        {Variable.RONDE_COMPLEMENTS.value: numero},
        maintenant=maintenant,
    )
    return ronde


def se_desister(repos: Repositories, *, clock: Clock, acteur: Actor, dossier_id: str) -> Dossier:
    """The applicant withdraws before the decision; the process gets the `desistement` message once."""
    dossier = dossier_du_demandeur(repos, dossier_id, acteur)
    maintenant = clock.now()
    dossier.se_desister(maintenant=maintenant)
    repos.dossiers.enregistrer(dossier)
    repos.commandes_moteur.publier_message(
        id_message_desistement(dossier.id), Message.DESISTEMENT.value, dossier.id, {}, maintenant=maintenant
    )
    return dossier


class ReponsesComplements(ActionsDuDemandeur):
    """What the applicant sends to the process: each committed, then its message sent at once."""

    async def envoyer(self, *, acteur: Actor, dossier_id: str, numero: int) -> RondeComplements:
        """Every updated piece must have its new file in documents, asked outside the transaction."""
        ronde = await self.transactions.run_async(
            partial(lire_ronde_a_envoyer, acteur=acteur, dossier_id=dossier_id, numero=numero)
        )
        remplacees: set[str] = set()
        if not ronde.envoyee and ronde.pieces_a_mettre_a_jour():
            remplacees = await self.pieces.pieces_remplacees(dossier_id, ronde=numero)
        envoi = partial(
            envoyer_ronde,
            clock=self.clock,
            acteur=acteur,
            dossier_id=dossier_id,
            numero=numero,
            pieces_remplacees=remplacees,
        )
        ronde = await self.transactions.run_async(envoi)
        await self.envoi.send(id_message_complements(dossier_id, numero))
        return ronde

    async def se_desister(self, *, acteur: Actor, dossier_id: str) -> Dossier:
        desistement = partial(se_desister, clock=self.clock, acteur=acteur, dossier_id=dossier_id)
        dossier = await self.transactions.run_async(desistement)
        await self.envoi.send(id_message_desistement(dossier_id))
        return dossier
