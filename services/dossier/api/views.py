"""From the domain to the contract's views (`contracts.dossier`)."""

from __future__ import annotations

import math

from contracts.documents import DocumentGenere, PiecesDossier, libelle_piece
from contracts.dossier import (
    LIBELLES_ACTION_AGENT,
    LIBELLES_STATUT,
    ActionAgentVue,
    ChangementStatut,
    DecisionVue,
    DossierComplet,
    DossierResume,
    DossierVue,
    HistoriqueStatuts,
    PageDossiers,
    PieceComplementVue,
    RondeComplementsVue,
)
from services.dossier.domain.actions import ActionNotee
from services.dossier.domain.complements import RondeComplements
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.statuts import Transition
from services.dossier.usecases.consultation import Consultation


def vue_dossier(dossier: Dossier) -> DossierVue:
    decision = dossier.decision
    return DossierVue(
        id=dossier.id,
        demandeur_id=dossier.demandeur_id,
        statut=dossier.statut,
        libelle_statut=LIBELLES_STATUT[dossier.statut],
        cas=dossier.cas,
        derniere_etape=dossier.derniere_etape,
        etat_civil=dossier.etat_civil,
        numero_etranger=dossier.numero_etranger,
        courriel=dossier.courriel,
        titre_en_cours=dossier.titre_en_cours,
        mineur_emancipe=dossier.mineur_emancipe,
        adresse=dossier.adresse,
        telephone=dossier.telephone,
        motif_sejour=dossier.motif_sejour,
        observations=dossier.observations,
        prefecture=dossier.prefecture,
        numero_demande=dossier.numero_demande,
        date_depot=dossier.date_depot,
        depose_le=dossier.depose_le,
        desistement_le=dossier.desistement_le,
        decision=DecisionVue(decision=decision.decision, motif=decision.motif, date=decision.date)
        if decision
        else None,
        alertes=list(dossier.alertes),
        cree_le=dossier.cree_le,
        modifie_le=dossier.modifie_le,
    )


def resume_dossier(dossier: Dossier) -> DossierResume:
    return DossierResume(
        id=dossier.id,
        statut=dossier.statut,
        libelle_statut=LIBELLES_STATUT[dossier.statut],
        cas=dossier.cas,
        prefecture=dossier.prefecture,
        numero_demande=dossier.numero_demande,
        date_depot=dossier.date_depot,
        nom_naissance=dossier.etat_civil.nom_naissance,
        prenoms=dossier.etat_civil.prenoms,
        alertes=list(dossier.alertes),
        modifie_le=dossier.modifie_le,
    )


def vue_historique(dossier_id: str, transitions: list[Transition]) -> HistoriqueStatuts:
    return HistoriqueStatuts(
        dossier_id=dossier_id,
        changements=[
            ChangementStatut(statut=t.statut, libelle=LIBELLES_STATUT[t.statut], date=t.date, motif=t.motif)
            for t in transitions
        ],
    )


def vue_ronde(ronde: RondeComplements) -> RondeComplementsVue:
    return RondeComplementsVue(
        dossier_id=ronde.dossier_id,
        numero=ronde.numero,
        ouverte_le=ronde.ouverte_le,
        envoyee_le=ronde.envoyee_le,
        pieces=[
            PieceComplementVue(
                piece=p.piece,
                libelle=p.libelle or libelle_piece(p.piece),  # rounds opened before labels were kept
                observation=p.observation,
                motif_demande=p.motif_demande,
                precision_motif=p.precision_motif,
                reponse=p.reponse,
                motif=p.motif,
                message=p.message,
                repondu_le=p.repondu_le,
            )
            for p in ronde.pieces
        ],
    )


def page_dossiers(dossiers: list[Dossier], *, total: int, page: int, par_page: int) -> PageDossiers:
    return PageDossiers(
        elements=[resume_dossier(d) for d in dossiers],
        total=total,
        page=page,
        par_page=par_page,
        pages=max(1, math.ceil(total / par_page)),
    )


def vue_action(action: ActionNotee) -> ActionAgentVue:
    return ActionAgentVue(
        dossier_id=action.dossier_id,
        agent_id=action.agent_id,
        agent_nom=action.agent_nom,
        action=action.action,
        libelle=LIBELLES_ACTION_AGENT[action.action],
        tache=action.tache,
        resultat=action.resultat,
        date=action.date,
    )


def vue_complete(
    consultation: Consultation, documents: tuple[PiecesDossier, list[DocumentGenere]] | None
) -> DossierComplet:
    dossier = consultation.dossier
    return DossierComplet(
        dossier=vue_dossier(dossier),
        historique=vue_historique(dossier.id, consultation.historique).changements,
        rondes=[vue_ronde(r) for r in consultation.rondes],
        actions=[vue_action(a) for a in consultation.actions],
        pieces=documents[0] if documents else None,
        documents_generes=documents[1] if documents else [],
        documents_indisponibles=documents is None,
    )
