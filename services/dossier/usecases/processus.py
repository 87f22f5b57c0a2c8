"""What the process asks of the dossier (job handlers' use cases); each job has effect once."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from contracts.documents import PieceCode
from contracts.dossier import STATUTS_PROCESSUS, Decision, EvenementDossier, MotifCloture, Statut
from contracts.identity import variable_demandeur
from contracts.process import Variable
from services.dossier.domain.complements import DemandeComplements, PieceDemandee, RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import EtatIncompatible
from services.dossier.domain.numero import cle_sequence, numero_demande
from services.dossier.domain.statuts import STATUTS_CLOS
from services.dossier.ports import Horloge
from services.dossier.storage.registres import Registres

log = logging.getLogger(__name__)
PIECES_CONNUES = {code.value for code in PieceCode}
_ALERTE = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")


class DonneeInvalide(ValueError):
    """A variable or header of the job cannot be processed (French, no personal data)."""


class DossierClos(Exception):
    """The dossier was withdrawn or closed: the process must not go on as if it were not."""


@dataclass(frozen=True)
class InstanceEnDouble:
    """This process instance is a second start of the same dossier: it must be cancelled."""

    process_instance_key: int


def _dossier(registres: Registres, dossier_id: object) -> Dossier:
    dossier = registres.dossiers.charger(str(dossier_id)) if isinstance(dossier_id, str) else None
    if dossier is None:
        raise DonneeInvalide("Variable dossierId : dossier inconnu.")
    return dossier


def enregistrer(
    registres: Registres, *, horloge: Horloge, guichet: str, dossier_id: object, process_instance_key: int
) -> dict[str, Any] | InstanceEnDouble:
    """Give the application its number (once) and return the variables the process needs."""
    dossier = _dossier(registres, dossier_id)
    if not dossier.est_depose or dossier.date_depot is None:
        raise DonneeInvalide("Le dossier n'est pas déposé.")
    if registres.dossiers.lier_instance(dossier.id, process_instance_key) != process_instance_key:
        return InstanceEnDouble(process_instance_key)
    if dossier.numero_demande is None:
        cle = cle_sequence(departement=dossier.prefecture, guichet=guichet, jour=dossier.date_depot)
        sequence = registres.sequences.suivant(cle)
        numero = numero_demande(
            departement=dossier.prefecture, guichet=guichet, jour=dossier.date_depot, sequence=sequence
        )
        dossier.attribuer_numero(numero, maintenant=horloge.maintenant())
        registres.dossiers.enregistrer(dossier)
    return variables_enregistrement(dossier)


def variables_enregistrement(dossier: Dossier) -> dict[str, Any]:
    return {
        Variable.NUMERO_DEMANDE.value: dossier.numero_demande,
        Variable.DATE_DEPOT.value: dossier.date_depot.isoformat() if dossier.date_depot else None,
        Variable.CAS.value: dossier.cas.value if dossier.cas else None,
        Variable.PREFECTURE.value: f"prefecture-{dossier.prefecture}",
        Variable.DATE_FIN_VALIDITE_TITRE.value: dossier.titre_en_cours.date_fin.isoformat(),
        Variable.DEMANDEUR.value: variable_demandeur(
            dossier.etat_civil, dossier.numero_etranger, dossier.courriel, dossier.adresse
        ),
    }


def _noter(
    registres: Registres,
    horloge: Horloge,
    job_key: int,
    type_job: str,
    dossier: Dossier,
    resultat: dict[str, Any],
) -> dict[str, Any]:
    registres.jobs.noter(
        job_key, type_job=type_job, dossier_id=dossier.id, resultat=resultat, maintenant=horloge.maintenant()
    )
    return resultat


def changer_statut(
    registres: Registres, *, horloge: Horloge, job_key: int, dossier_id: object, statut: object, motif: object
) -> None:
    if statut not in STATUTS_PROCESSUS:
        raise DonneeInvalide(f"En-tête statut non autorisé pour dossier.changer-statut : {statut!r}.")
    dossier = _dossier(registres, dossier_id)
    if registres.jobs.resultat(job_key) is not None:
        return
    try:
        dossier.changer_statut(
            Statut(str(statut)), maintenant=horloge.maintenant(), motif=_texte(motif), origine=str(job_key)
        )
        registres.dossiers.enregistrer(dossier)
    except EtatIncompatible:
        log.info("statut ignoré : dossier clos", extra={"dossier_id": dossier.id})
    _noter(registres, horloge, job_key, "dossier.changer-statut", dossier, {})


def ouvrir_complements(
    registres: Registres, *, horloge: Horloge, job_key: int, dossier_id: object, pieces_demandees: object
) -> RondeComplements:
    """Open the next complement round (once per job) with the agent's pieces and observations."""
    dossier = _dossier(registres, dossier_id)
    deja = registres.jobs.resultat(job_key)
    if deja is not None:
        ronde = registres.rondes.charger(dossier.id, int(deja["rondeComplements"]))
        assert ronde is not None
        return ronde
    if dossier.statut in STATUTS_CLOS:
        raise DossierClos()
    try:
        demande = DemandeComplements.depuis_variable(pieces_demandees, PIECES_CONNUES)
    except ValueError as error:
        raise DonneeInvalide(str(error)) from None
    maintenant = horloge.maintenant()
    numero = registres.rondes.prochain_numero(dossier.id)
    pieces = [PieceDemandee(p.piece, p.observation, p.libelle) for p in demande.pieces]
    ronde = RondeComplements(dossier.id, numero, maintenant, pieces, origine=str(job_key))
    registres.rondes.ajouter(ronde)
    dossier.changer_statut(
        Statut.COMPLEMENTS_DEMANDES, maintenant=maintenant, motif=None, origine=str(job_key)
    )
    dossier.noter(EvenementDossier.COMPLEMENTS_OUVERTS, maintenant, {"ronde": numero})
    registres.dossiers.enregistrer(dossier)
    _noter(registres, horloge, job_key, "dossier.ouvrir-complements", dossier, {"rondeComplements": numero})
    return ronde


def enregistrer_decision(
    registres: Registres,
    *,
    horloge: Horloge,
    job_key: int,
    dossier_id: object,
    decision: object,
    motif: object,
) -> None:
    if decision not in {d.value for d in Decision}:
        raise DonneeInvalide("Variable decision : « favorable » ou « defavorable » attendu.")
    valeur = Decision(str(decision))
    dossier = _dossier(registres, dossier_id)
    if registres.jobs.resultat(job_key) is not None or dossier.decision is not None:
        return
    if dossier.statut in STATUTS_CLOS:
        raise DossierClos()
    dossier.enregistrer_decision(
        valeur, motif=_texte(motif), maintenant=horloge.maintenant(), origine=str(job_key)
    )
    registres.dossiers.enregistrer(dossier)
    _noter(registres, horloge, job_key, "dossier.enregistrer-decision", dossier, {})


def cloturer(
    registres: Registres, *, horloge: Horloge, job_key: int, dossier_id: object, motif: object
) -> None:
    if motif not in {m.value for m in MotifCloture}:
        raise DonneeInvalide("En-tête motif : « incomplet » ou « desistement » attendu.")
    valeur = MotifCloture(str(motif))
    dossier = _dossier(registres, dossier_id)
    if registres.jobs.resultat(job_key) is not None:
        return
    try:
        dossier.cloturer(valeur, maintenant=horloge.maintenant(), origine=str(job_key))
        registres.dossiers.enregistrer(dossier)
    except EtatIncompatible:
        log.warning("clôture ignorée : dossier déjà clos ou décidé", extra={"dossier_id": dossier.id})
    _noter(registres, horloge, job_key, "dossier.cloturer", dossier, {})


def alerter(
    registres: Registres, *, horloge: Horloge, job_key: int, dossier_id: object, alerte: object
) -> None:
    if not isinstance(alerte, str) or not _ALERTE.match(alerte):
        raise DonneeInvalide("En-tête alerte invalide (minuscules, chiffres et tirets).")
    dossier = _dossier(registres, dossier_id)
    dossier.alerter(alerte, maintenant=horloge.maintenant())
    registres.dossiers.enregistrer(dossier)


def _texte(valeur: object) -> str | None:
    return str(valeur).strip()[:4000] or None if valeur is not None else None
