"""The dossier aggregate: a draft saved step by step, then deposited, instructed and decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contracts.dossier import (
    Cas,
    Decision,
    Etape,
    EtapeInformationsPersonnelles,
    EtapeMotifSejour,
    EvenementDossier,
    MotifCloture,
    MotifSejour,
    Statut,
)
from contracts.identity import Adresse, EtatCivil, FicheDemandeur, TitreEnCours
from services.dossier.domain.erreurs import EtatIncompatible
from services.dossier.domain.numero import departement_de
from services.dossier.domain.regles import cas_du_demandeur
from services.dossier.domain.saisie import (
    attestations_du_cas,
    normaliser_telephone,
    verifier_informations_personnelles,
    verifier_motif_sejour,
)
from services.dossier.domain.statuts import (
    MOTIF_VERS_STATUT,
    STATUTS_CLOS,
    STATUTS_EN_COURS,
    DecisionRendue,
    Fait,
    Transition,
)


@dataclass
class Dossier:
    id: str
    demandeur_id: str
    etat_civil: EtatCivil
    numero_etranger: str | None
    courriel: str
    titre_en_cours: TitreEnCours
    adresse: Adresse
    prefecture: str
    statut: Statut
    cree_le: datetime
    modifie_le: datetime
    mineur_emancipe: bool = False
    telephone: str | None = None
    motif_sejour: MotifSejour | None = None
    observations: str | None = None
    derniere_etape: int = 0
    cas: Cas | None = None
    numero_demande: str | None = None
    date_depot: date | None = None
    depose_le: datetime | None = None
    desistement_le: datetime | None = None
    decision: DecisionRendue | None = None
    alertes: list[str] = field(default_factory=list)
    version: int = 0
    transitions: list[Transition] = field(default_factory=list, repr=False)
    faits: list[Fait] = field(default_factory=list, repr=False)

    @classmethod
    def creer(cls, *, dossier_id: str, fiche: FicheDemandeur, maintenant: datetime) -> Dossier:
        """A new draft holding a snapshot of the register's civil status, address and title."""
        dossier = cls(
            id=dossier_id,
            demandeur_id=fiche.id,
            etat_civil=fiche.etat_civil,
            numero_etranger=fiche.numero_etranger,
            courriel=fiche.courriel,
            titre_en_cours=fiche.titre_en_cours,
            adresse=fiche.adresse,
            prefecture=fiche.prefecture,
            statut=Statut.BROUILLON,
            cree_le=maintenant,
            modifie_le=maintenant,
            mineur_emancipe=fiche.etat_civil.emancipe,
        )
        dossier._passer_a(Statut.BROUILLON, maintenant)
        dossier._noter(EvenementDossier.CREE, maintenant)
        return dossier

    @property
    def en_cours(self) -> bool:
        """Counts as the applicant's one application in progress."""
        return self.statut in STATUTS_EN_COURS

    @property
    def est_brouillon(self) -> bool:
        return self.statut is Statut.BROUILLON

    @property
    def est_depose(self) -> bool:
        return self.depose_le is not None

    def cas_le(self, jour: date) -> Cas:
        return cas_du_demandeur(self.etat_civil.date_naissance, self.mineur_emancipe, jour)

    # Draft steps.

    def enregistrer_informations_personnelles(
        self,
        etape: EtapeInformationsPersonnelles,
        *,
        aujourdhui: date,
        maintenant: datetime,
        adresse_registre: Adresse | None = None,
    ) -> None:
        """The box and the phone; the address is the register's as read now (the draft's copy
        when none is given), never one typed in the wizard."""
        self._exiger_brouillon()
        adresse = adresse_registre or self.adresse
        verifier_informations_personnelles(
            etape,
            adresse_registre=adresse,
            date_naissance=self.etat_civil.date_naissance,
            aujourdhui=aujourdhui,
        )
        self.mineur_emancipe = etape.mineur_emancipe
        self.adresse = adresse
        self.telephone = normaliser_telephone(etape.telephone)
        self.cas = self.cas_le(aujourdhui)
        self._etape_enregistree(Etape.INFORMATIONS_PERSONNELLES, maintenant)

    def enregistrer_motif_sejour(
        self, etape: EtapeMotifSejour, *, aujourdhui: date, maintenant: datetime
    ) -> None:
        self._exiger_brouillon()
        self._exiger_etape_precedente(Etape.MOTIF_SEJOUR)
        cas = self.cas_le(aujourdhui)
        verifier_motif_sejour(
            etape, date_naissance=self.etat_civil.date_naissance, cas=cas, aujourdhui=aujourdhui
        )
        self.cas = cas
        self.motif_sejour = MotifSejour(
            date_prise_en_charge_ase=etape.date_prise_en_charge_ase,
            situation_familiale=etape.situation_familiale,
            enfants_a_charge=etape.enfants_a_charge,
            attestations=attestations_du_cas(etape.attestations, cas),
        )
        self._etape_enregistree(Etape.MOTIF_SEJOUR, maintenant)

    def enregistrer_justificatifs(self, *, maintenant: datetime) -> None:
        """The pieces live in the documents service, checked by the caller before this."""
        self._exiger_brouillon()
        self._exiger_etape_precedente(Etape.JUSTIFICATIFS)
        self._etape_enregistree(Etape.JUSTIFICATIFS, maintenant)

    def enregistrer_observations(self, observations: str | None, *, maintenant: datetime) -> None:
        self._exiger_brouillon()
        self._exiger_etape_precedente(Etape.DEPOT)
        self.observations = (observations or "").strip() or None
        self._etape_enregistree(Etape.DEPOT, maintenant)

    def exiger_etape_precedente(self, etape: Etape) -> None:
        self._exiger_brouillon()
        self._exiger_etape_precedente(etape)

    def abandonner(self, *, maintenant: datetime) -> None:
        if self.statut is Statut.ABANDONNEE:
            return
        self._exiger_brouillon()
        self._passer_a(Statut.ABANDONNEE, maintenant)
        self._noter(EvenementDossier.ABANDONNE, maintenant)

    # From the deposit on.

    def deposer(
        self, *, cas: Cas, maintenant: datetime, jour: date, adresse_registre: Adresse | None = None
    ) -> None:
        """Freeze the dossier: nothing of it can change afterwards (checked complete by the caller).

        The préfecture (and so the N° demande) follows the register's address read at the deposit."""
        self._exiger_brouillon()
        if adresse_registre is not None:
            self.adresse = adresse_registre
        self.cas = cas
        self.prefecture = departement_de(self.adresse, self.prefecture)
        self.depose_le = maintenant
        self.date_depot = jour
        self._passer_a(Statut.DEPOSEE, maintenant)
        self._noter(EvenementDossier.DEPOSE, maintenant, {"cas": cas.value})

    def attribuer_numero(self, numero: str, *, maintenant: datetime) -> None:
        self.numero_demande = numero
        self.modifie_le = maintenant
        self._noter(EvenementDossier.ENREGISTRE, maintenant)

    def changer_statut(
        self, statut: Statut, *, maintenant: datetime, motif: str | None, origine: str | None
    ) -> None:
        self._exiger_non_clos()
        if statut is not self.statut:
            self._passer_a(statut, maintenant, motif, origine)
            self._noter(EvenementDossier.STATUT_CHANGE, maintenant)

    def enregistrer_decision(
        self,
        decision: Decision,
        *,
        motif: str | None,
        le: datetime,
        maintenant: datetime,
        origine: str | None,
    ) -> None:
        """The decision taken `le` (the valideur's day), recorded `maintenant` (status, history)."""
        if self.decision is not None:
            return
        self._exiger_non_clos()
        self.decision = DecisionRendue(decision, motif, le)
        statut = Statut.ACCEPTEE if decision is Decision.FAVORABLE else Statut.REFUSEE
        self._passer_a(statut, maintenant, None, origine)
        self._noter(EvenementDossier.DECISION_ENREGISTREE, maintenant, {"decision": decision.value})

    def se_desister(self, *, maintenant: datetime) -> None:
        """The applicant withdraws; possible from the deposit until the decision."""
        if self.statut is Statut.DESISTEMENT:
            return
        if not self.est_depose:
            raise EtatIncompatible("Votre demande n'est pas déposée : vous pouvez l'abandonner.")
        if self.decision is not None or self.statut in STATUTS_CLOS:
            raise EtatIncompatible(
                "Une décision a été prise ou la demande est clôturée : le désistement n'est plus possible."
            )
        self.desistement_le = maintenant
        self._passer_a(Statut.DESISTEMENT, maintenant)
        self._noter(EvenementDossier.DESISTEMENT, maintenant)

    def cloturer(self, motif: MotifCloture, *, maintenant: datetime, origine: str | None) -> None:
        statut = MOTIF_VERS_STATUT[motif]
        if self.statut is statut:
            return
        self._exiger_non_clos()
        if self.decision is not None:
            raise EtatIncompatible("Une décision a été prise : la demande ne peut plus être clôturée.")
        if motif is MotifCloture.DESISTEMENT and self.desistement_le is None:
            self.desistement_le = maintenant
        self._passer_a(statut, maintenant, None, origine)
        self._noter(EvenementDossier.CLOTURE, maintenant, {"motif": motif.value})

    def alerter(self, alerte: str, *, maintenant: datetime) -> None:
        if alerte in self.alertes:
            return
        self.alertes.append(alerte)
        self.modifie_le = maintenant
        self._noter(EvenementDossier.ALERTE, maintenant, {"alerte": alerte})

    def noter(
        self, evenement: EvenementDossier, maintenant: datetime, details: dict[str, Any] | None = None
    ) -> None:
        self.modifie_le = maintenant
        self._noter(evenement, maintenant, details or {})

    # Internals.

    def _exiger_brouillon(self) -> None:
        if self.statut is Statut.ABANDONNEE:
            raise EtatIncompatible("Cette demande a été abandonnée.")
        if not self.est_brouillon:
            raise EtatIncompatible("La demande a été déposée : elle ne peut plus être modifiée.")

    def _exiger_non_clos(self) -> None:
        if self.statut in STATUTS_CLOS:
            raise EtatIncompatible("La demande est clôturée.")

    def _exiger_etape_precedente(self, etape: Etape) -> None:
        if self.derniere_etape < etape.numero - 1:
            raise EtatIncompatible("Veuillez d'abord enregistrer l'étape précédente.")

    def _etape_enregistree(self, etape: Etape, maintenant: datetime) -> None:
        self.derniere_etape = max(self.derniere_etape, etape.numero)
        self.modifie_le = maintenant
        self._noter(EvenementDossier.ETAPE_ENREGISTREE, maintenant, {"etape": etape.value})

    def _passer_a(
        self, statut: Statut, maintenant: datetime, motif: str | None = None, origine: str | None = None
    ) -> None:
        self.statut = statut
        self.modifie_le = maintenant
        self.transitions.append(Transition(statut, maintenant, motif, origine))

    def _noter(
        self, evenement: EvenementDossier, maintenant: datetime, details: dict[str, Any] | None = None
    ) -> None:
        self.faits.append(Fait(evenement, maintenant, details or {}))
