"""The applicant's answer to a complement round, and the withdrawal: each ends in one engine message."""

from __future__ import annotations

from contracts.dossier import (
    DossierVue,
    EvenementDossier,
    ReponsePieceComplement,
    RondeComplementsVue,
    Statut,
)
from contracts.process import Message
from plumbing.actors import Actor
from services.dossier.domain.complements import RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import DossierIntrouvable, EtatIncompatible
from services.dossier.domain.statuts import STATUTS_CLOS
from services.dossier.execution import Execution
from services.dossier.ports import Horloge, PiecesJustificatives
from services.dossier.relais import RelaisCommandes
from services.dossier.storage.commandes import CommandeMoteur
from services.dossier.storage.registres import Registres
from services.dossier.usecases.acces import dossier_du_demandeur
from services.dossier.usecases.vues import vue_dossier, vue_ronde


def id_message_complements(dossier_id: str, numero: int) -> str:
    return f"complements-deposes-{dossier_id}-{numero}"


def id_message_desistement(dossier_id: str) -> str:
    return f"desistement-{dossier_id}"


def _ronde_du_demandeur(
    registres: Registres, acteur: Actor, dossier_id: str, numero: int
) -> tuple[Dossier, RondeComplements]:
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    ronde = registres.rondes.charger(dossier.id, numero)
    if ronde is None:
        raise DossierIntrouvable()
    return dossier, ronde


def repondre_piece(
    registres: Registres,
    *,
    horloge: Horloge,
    acteur: Actor,
    dossier_id: str,
    numero: int,
    piece: str,
    reponse: ReponsePieceComplement,
) -> RondeComplementsVue:
    dossier, ronde = _ronde_du_demandeur(registres, acteur, dossier_id, numero)
    if dossier.statut in STATUTS_CLOS:
        raise EtatIncompatible("La demande est clôturée.")
    ronde.repondre(piece, reponse, maintenant=horloge.maintenant())
    registres.rondes.enregistrer(ronde)
    return vue_ronde(ronde)


def lire_ronde_a_envoyer(
    registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str, numero: int
) -> RondeComplements:
    return _ronde_du_demandeur(registres, acteur, dossier_id, numero)[1]


def envoyer_ronde(
    registres: Registres,
    *,
    horloge: Horloge,
    acteur: Actor,
    dossier_id: str,
    numero: int,
    pieces_remplacees: set[str],
) -> RondeComplementsVue:
    """ "Valider et envoyer": freeze the answers and record the `complements-deposes` message."""
    dossier, ronde = _ronde_du_demandeur(registres, acteur, dossier_id, numero)
    if ronde.envoyee:
        return vue_ronde(ronde)  # a double click: sent once
    if dossier.statut in STATUTS_CLOS:
        raise EtatIncompatible("La demande est clôturée.")
    ronde.verifier_envoi(pieces_remplacees)
    maintenant = horloge.maintenant()
    ronde.envoyer(maintenant=maintenant)
    registres.rondes.enregistrer(ronde)
    dossier.changer_statut(Statut.COMPLEMENTS_DEPOSES, maintenant=maintenant, motif=None, origine=None)
    dossier.noter(EvenementDossier.COMPLEMENTS_DEPOSES, maintenant, {"ronde": numero})
    registres.dossiers.enregistrer(dossier)
    message = CommandeMoteur(
        id_message_complements(dossier.id, numero),
        dossier.id,
        "message",
        Message.COMPLEMENTS_DEPOSES.value,
        {"rondeComplements": numero},
        cle_correlation=dossier.id,
    )
    registres.commandes.ajouter(message, maintenant=maintenant)
    return vue_ronde(ronde)


def se_desister(registres: Registres, *, horloge: Horloge, acteur: Actor, dossier_id: str) -> DossierVue:
    """The applicant withdraws before the decision; the process gets the `desistement` message once."""
    dossier = dossier_du_demandeur(registres, dossier_id, acteur)
    maintenant = horloge.maintenant()
    dossier.se_desister(maintenant=maintenant)
    registres.dossiers.enregistrer(dossier)
    message = CommandeMoteur(
        id_message_desistement(dossier.id), dossier.id, "message", Message.DESISTEMENT.value, {}, dossier.id
    )
    registres.commandes.ajouter(message, maintenant=maintenant)
    return vue_dossier(dossier)


class ReponsesComplements:
    def __init__(self, execution: Execution, pieces: PiecesJustificatives, relais: RelaisCommandes) -> None:
        self.execution, self.pieces, self.relais = execution, pieces, relais

    async def envoyer(self, *, acteur: Actor, dossier_id: str, numero: int) -> RondeComplementsVue:
        ronde = await self.execution(
            lire_ronde_a_envoyer, acteur=acteur, dossier_id=dossier_id, numero=numero
        )
        remplacees: set[str] = set()
        if not ronde.envoyee and ronde.pieces_a_mettre_a_jour():
            remplacees = await self.pieces.pieces_remplacees(dossier_id, ronde=numero)
        vue = await self.execution(
            envoyer_ronde, acteur=acteur, dossier_id=dossier_id, numero=numero, pieces_remplacees=remplacees
        )
        await self.relais.envoyer(id_message_complements(dossier_id, numero))
        return vue

    async def se_desister(self, *, acteur: Actor, dossier_id: str) -> DossierVue:
        vue = await self.execution(se_desister, acteur=acteur, dossier_id=dossier_id)
        await self.relais.envoyer(id_message_desistement(dossier_id))
        return vue
