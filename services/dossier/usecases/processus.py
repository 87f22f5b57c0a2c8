"""What the process asks of the dossier (the job handlers' use cases); each job has effect once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from contracts.dossier import STATUTS_PROCESSUS, Decision, EvenementDossier, MotifCloture, Statut
from contracts.identity import demandeur
from contracts.jobs.dossier import DossierEnregistre
from contracts.process import JobType
from contracts.variables import PieceDemandee, groupe_prefecture
from plumbing.clock import Clock, day_in_france
from services.dossier.domain.complements import RondeComplements, pieces_de_la_demande
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.erreurs import EtatIncompatible
from services.dossier.domain.numero import cle_sequence, numero_demande
from services.dossier.domain.ports import Repositories
from services.dossier.domain.statuts import STATUTS_CLOS, instant_du_jour

log = logging.getLogger(__name__)


class DonneeInvalide(ValueError):
    """A variable or header of the job cannot be processed (French, no personal data)."""


class DossierClos(Exception):
    """The dossier was withdrawn or closed: the process must not go on as if it were not."""


@dataclass(frozen=True)
class InstanceEnDouble:
    """This process instance is a second start of the same dossier: it must be cancelled."""

    process_instance_key: int


def _dossier(repos: Repositories, dossier_id: str) -> Dossier:
    dossier = repos.dossiers.charger(dossier_id)
    if dossier is None:
        raise DonneeInvalide("Variable dossierId : dossier inconnu.")
    return dossier


def enregistrer(
    repos: Repositories, *, clock: Clock, guichet: str, dossier_id: str, process_instance_key: int
) -> Dossier | InstanceEnDouble:
    """Bind the dossier to this instance and give the application its number (once)."""
    dossier = _dossier(repos, dossier_id)
    if not dossier.est_depose or dossier.date_depot is None:
        raise DonneeInvalide("Le dossier n'est pas déposé.")
    if repos.dossiers.lier_instance(dossier.id, process_instance_key) != process_instance_key:
        return InstanceEnDouble(process_instance_key)
    if dossier.numero_demande is None:
        cle = cle_sequence(departement=dossier.prefecture, guichet=guichet, jour=dossier.date_depot)
        sequence = repos.sequences.suivant(cle)
        numero = numero_demande(
            departement=dossier.prefecture, guichet=guichet, jour=dossier.date_depot, sequence=sequence
        )
        dossier.attribuer_numero(numero, maintenant=clock.now())
        repos.dossiers.enregistrer(dossier)
    return dossier


def dossier_enregistre(dossier: Dossier) -> DossierEnregistre:
    """The variables the process needs from a registered dossier."""
    if dossier.numero_demande is None or dossier.date_depot is None or dossier.cas is None:
        raise DonneeInvalide("Le dossier n'est pas enregistré.")
    return DossierEnregistre(
        numero_demande=dossier.numero_demande,
        date_depot=dossier.date_depot,
        cas=dossier.cas,
        prefecture=groupe_prefecture(dossier.prefecture),
        date_fin_validite_titre=dossier.titre_en_cours.date_fin,
        demandeur=demandeur(dossier.etat_civil, dossier.numero_etranger, dossier.courriel, dossier.adresse),
    )


def _deja_traite(repos: Repositories, job_key: int) -> bool:
    return repos.jobs.resultat(job_key) is not None


def _noter(repos: Repositories, clock: Clock, job_key: int, type_job: JobType, dossier: Dossier) -> None:
    repos.jobs.noter(
        job_key, type_job=type_job.value, dossier_id=dossier.id, resultat={}, maintenant=clock.now()
    )


def changer_statut(
    repos: Repositories, *, clock: Clock, job_key: int, dossier_id: str, statut: Statut
) -> None:
    """A status the model sets (in instruction, complements received, title available)."""
    if statut not in STATUTS_PROCESSUS:
        raise DonneeInvalide(f"En-tête statut non autorisé pour dossier.changer-statut : {statut.value!r}.")
    dossier = _dossier(repos, dossier_id)
    if _deja_traite(repos, job_key):
        return
    try:
        dossier.changer_statut(statut, maintenant=clock.now(), motif=None, origine=str(job_key))
        repos.dossiers.enregistrer(dossier)
    except EtatIncompatible:
        log.info("statut ignoré : dossier clos", extra={"dossier_id": dossier.id})
    _noter(repos, clock, job_key, JobType.DOSSIER_CHANGER_STATUT, dossier)


def ouvrir_complements(
    repos: Repositories, *, clock: Clock, job_key: int, dossier_id: str, pieces_demandees: list[PieceDemandee]
) -> RondeComplements:
    """Open the next complement round (once per job) with the agent's pieces and observations."""
    dossier = _dossier(repos, dossier_id)
    deja = repos.jobs.resultat(job_key)
    if deja is not None:
        ronde = repos.rondes.charger(dossier.id, int(deja["rondeComplements"]))
        assert ronde is not None
        return ronde
    if dossier.statut in STATUTS_CLOS:
        raise DossierClos()
    try:
        pieces = pieces_de_la_demande(pieces_demandees)
    except ValueError as error:
        raise DonneeInvalide(str(error)) from None
    maintenant = clock.now()
    numero = repos.rondes.prochain_numero(dossier.id)
    ronde = RondeComplements(dossier.id, numero, maintenant, pieces, origine=str(job_key))
    repos.rondes.ajouter(ronde)
    dossier.changer_statut(
        Statut.COMPLEMENTS_DEMANDES, maintenant=maintenant, motif=None, origine=str(job_key)
    )
    dossier.noter(EvenementDossier.COMPLEMENTS_OUVERTS, maintenant, {"ronde": numero})
    repos.dossiers.enregistrer(dossier)
    repos.jobs.noter(
        job_key,
        type_job=JobType.DOSSIER_OUVRIR_COMPLEMENTS.value,
        dossier_id=dossier.id,
        resultat={"rondeComplements": numero},
        maintenant=maintenant,
    )
    return ronde


def enregistrer_decision(
    repos: Repositories,
    *,
    clock: Clock,
    job_key: int,
    dossier_id: str,
    decision: Decision,
    motif: str | None,
    date_decision: date,
) -> None:
    """The validated decision, on the day the valideur recorded (`dateDecision`); once only.

    That day travels in the process to the documents and to the register of titles, so a job
    retried another day still states it. It cannot precede the deposit nor be in the future.
    """
    dossier = _dossier(repos, dossier_id)
    if dossier.decision is not None or _deja_traite(repos, job_key):
        return
    if dossier.statut in STATUTS_CLOS:
        raise DossierClos()
    maintenant = clock.now()
    if dossier.date_depot is not None and date_decision < dossier.date_depot:
        raise DonneeInvalide("Variable dateDecision : antérieure au dépôt de la demande.")
    if date_decision > day_in_france(maintenant):
        raise DonneeInvalide("Variable dateDecision : postérieure à aujourd'hui.")
    motif = (motif or "").strip()[:4000] or None
    dossier.enregistrer_decision(
        decision,
        motif=motif,
        le=instant_du_jour(date_decision, maintenant),
        maintenant=maintenant,
        origine=str(job_key),
    )
    repos.dossiers.enregistrer(dossier)
    _noter(repos, clock, job_key, JobType.DOSSIER_ENREGISTRER_DECISION, dossier)


def cloturer(
    repos: Repositories, *, clock: Clock, job_key: int, dossier_id: str, motif: MotifCloture
) -> None:
    """Close as incomplete or withdrawn; a dossier already closed or decided stays as it is."""
    dossier = _dossier(repos, dossier_id)
    if _deja_traite(repos, job_key):
        return
    try:
        dossier.cloturer(motif, maintenant=clock.now(), origine=str(job_key))
        repos.dossiers.enregistrer(dossier)
    except EtatIncompatible:
        log.warning("clôture ignorée : dossier déjà clos ou décidé", extra={"dossier_id": dossier.id})
    _noter(repos, clock, job_key, JobType.DOSSIER_CLOTURER, dossier)


def alerter(repos: Repositories, *, clock: Clock, dossier_id: str, alerte: str) -> None:
    """An alert the agents see on the dossier (e.g. `rejet-implicite`), kept once."""
    dossier = _dossier(repos, dossier_id)
    dossier.alerter(alerte, maintenant=clock.now())
    repos.dossiers.enregistrer(dossier)
