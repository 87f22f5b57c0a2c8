"""SqlDossierRepository: dossiers, their status history and their events, in the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from contracts.dossier import Cas, Decision, EvenementDossierPayload, MotifSejour, Statut
from contracts.identity import Adresse, EtatCivil, TitreEnCours
from plumbing.outbox import Outbox
from plumbing.unit_of_work import ConcurrentUpdate
from services.dossier.domain.dossier import Dossier
from services.dossier.domain.statuts import DecisionRendue, Transition
from services.dossier.storage.tables import dossiers, historique_statuts, outbox

EVENTS = Outbox(outbox)


class SqlDossierRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def charger(self, dossier_id: str) -> Dossier | None:
        row = self.session.execute(select(dossiers).where(dossiers.c.id == dossier_id)).first()
        return _dossier(row) if row else None

    def en_cours_du_demandeur(self, demandeur_id: str) -> Dossier | None:
        query = select(dossiers).where(dossiers.c.demandeur_en_cours == demandeur_id)
        row = self.session.execute(query).first()
        return _dossier(row) if row else None

    def du_demandeur(self, demandeur_id: str) -> list[Dossier]:
        query = (
            select(dossiers)
            .where(dossiers.c.demandeur_id == demandeur_id)
            .order_by(dossiers.c.cree_le.desc())
        )
        return [_dossier(row) for row in self.session.execute(query)]

    def des_prefectures(
        self,
        prefectures: frozenset[str] | None,
        *,
        statut: Statut | None = None,
        cas: Cas | None = None,
        numero_demande: str | None = None,
        page: int = 1,
        par_page: int = 20,
    ) -> tuple[list[Dossier], int]:
        """Deposited dossiers of the given préfectures (all when None), most recent first."""
        conditions: list[ColumnElement[bool]] = [dossiers.c.depose_le.is_not(None)]
        if prefectures is not None:
            conditions.append(dossiers.c.prefecture.in_(sorted(prefectures)))
        if statut is not None:
            conditions.append(dossiers.c.statut == statut.value)
        if cas is not None:
            conditions.append(dossiers.c.cas == cas.value)
        if numero_demande:
            conditions.append(dossiers.c.numero_demande == numero_demande)
        total = self.session.execute(
            select(func.count()).select_from(dossiers).where(*conditions)
        ).scalar_one()
        query = (
            select(dossiers)
            .where(*conditions)
            .order_by(dossiers.c.depose_le.desc(), dossiers.c.id)
            .limit(par_page)
            .offset((page - 1) * par_page)
        )
        return [_dossier(row) for row in self.session.execute(query)], int(total)

    def ajouter(self, dossier: Dossier) -> None:
        self.session.execute(insert(dossiers).values(id=dossier.id, version=0, **_colonnes(dossier)))
        self._publier(dossier)

    def enregistrer(self, dossier: Dossier) -> None:
        """Save with an optimistic version check, then write the pending history and events."""
        result = self.session.execute(
            update(dossiers)
            .where(dossiers.c.id == dossier.id, dossiers.c.version == dossier.version)
            .values(version=dossier.version + 1, **_colonnes(dossier))
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentUpdate()
        dossier.version += 1
        self._publier(dossier)

    def lier_instance(self, dossier_id: str, process_instance_key: int) -> int:
        """Bind the dossier to its process instance, first come first served; returns the bound key."""
        self.session.execute(
            update(dossiers)
            .where(dossiers.c.id == dossier_id, dossiers.c.process_instance_key.is_(None))
            .values(process_instance_key=process_instance_key)
        )
        query = select(dossiers.c.process_instance_key).where(dossiers.c.id == dossier_id)
        return int(self.session.execute(query).scalar_one())

    def historique(self, dossier_id: str) -> list[Transition]:
        query = (
            select(historique_statuts)
            .where(historique_statuts.c.dossier_id == dossier_id)
            .order_by(historique_statuts.c.id)
        )
        return [
            Transition(Statut(row.statut), row.date, row.motif, row.origine)
            for row in self.session.execute(query)
        ]

    def _publier(self, dossier: Dossier) -> None:
        for transition in dossier.transitions:
            self.session.execute(
                insert(historique_statuts).values(
                    dossier_id=dossier.id,
                    statut=transition.statut.value,
                    date=transition.date,
                    motif=transition.motif,
                    origine=transition.origine,
                )
            )
        for fait in dossier.faits:
            payload = EvenementDossierPayload(
                dossier_id=dossier.id,
                demandeur_id=dossier.demandeur_id,
                prefecture=dossier.prefecture,
                statut=dossier.statut,
                date=fait.date,
                numero_demande=dossier.numero_demande,
                details=fait.details,
            )
            EVENTS.add(self.session, fait.evenement.subject, payload.model_dump(mode="json"))
        dossier.transitions.clear()
        dossier.faits.clear()


def _colonnes(dossier: Dossier) -> dict[str, Any]:
    decision = dossier.decision
    return {
        "demandeur_id": dossier.demandeur_id,
        "demandeur_en_cours": dossier.demandeur_id if dossier.en_cours else None,
        "statut": dossier.statut.value,
        "cas": dossier.cas.value if dossier.cas else None,
        "prefecture": dossier.prefecture,
        "numero_demande": dossier.numero_demande,
        "date_depot": dossier.date_depot,
        "depose_le": dossier.depose_le,
        "desistement_le": dossier.desistement_le,
        "derniere_etape": dossier.derniere_etape,
        "etat_civil": dossier.etat_civil.model_dump(mode="json"),
        "numero_etranger": dossier.numero_etranger,
        "courriel": dossier.courriel,
        "titre_en_cours": dossier.titre_en_cours.model_dump(mode="json"),
        "adresse": dossier.adresse.model_dump(mode="json"),
        "mineur_emancipe": dossier.mineur_emancipe,
        "telephone": dossier.telephone,
        "motif_sejour": dossier.motif_sejour.model_dump(mode="json") if dossier.motif_sejour else None,
        "observations": dossier.observations,
        "decision": decision.decision.value if decision else None,
        "motif_decision": decision.motif if decision else None,
        "decide_le": decision.date if decision else None,
        "alertes": list(dossier.alertes),
        "cree_le": dossier.cree_le,
        "modifie_le": dossier.modifie_le,
    }


def _dossier(row: Row[Any]) -> Dossier:
    return Dossier(
        id=row.id,
        demandeur_id=row.demandeur_id,
        etat_civil=EtatCivil.model_validate(row.etat_civil),
        numero_etranger=row.numero_etranger,
        courriel=row.courriel,
        titre_en_cours=TitreEnCours.model_validate(row.titre_en_cours),
        adresse=Adresse.model_validate(row.adresse),
        prefecture=row.prefecture,
        statut=Statut(row.statut),
        cree_le=row.cree_le,
        modifie_le=row.modifie_le,
        mineur_emancipe=row.mineur_emancipe,
        telephone=row.telephone,
        motif_sejour=MotifSejour.model_validate(row.motif_sejour) if row.motif_sejour else None,
        observations=row.observations,
        derniere_etape=row.derniere_etape,
        cas=Cas(row.cas) if row.cas else None,
        numero_demande=row.numero_demande,
        date_depot=row.date_depot,
        depose_le=row.depose_le,
        desistement_le=row.desistement_le,
        decision=DecisionRendue(Decision(row.decision), row.motif_decision, row.decide_le)
        if row.decision
        else None,
        alertes=list(row.alertes or []),
        version=row.version,
    )
