"""Applicant and agent accounts in SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.orm import Session

from services.identity.domain.comptes import CompteAgent, CompteDemandeur, EtatCompte
from services.identity.storage.tables import agents, comptes, personnes


class SqlComptesDemandeurs:
    def __init__(self, session: Session) -> None:
        self.session = session

    def par_id(self, compte_id: str) -> CompteDemandeur | None:
        return self._un(comptes.c.id == compte_id)

    def par_personne(self, personne_id: str) -> CompteDemandeur | None:
        return self._un(comptes.c.personne_id == personne_id)

    def par_identifiant(self, identifiant: str) -> CompteDemandeur | None:
        """By N° étranger, or by e-mail for the holders who have no N° étranger."""
        jointure = comptes.join(personnes, personnes.c.id == comptes.c.personne_id)
        if "@" in identifiant:
            condition = and_(comptes.c.courriel == identifiant, personnes.c.numero_etranger.is_(None))
        else:
            condition = personnes.c.numero_etranger == identifiant
        row = self.session.execute(select(comptes).select_from(jointure).where(condition)).mappings().first()
        return _compte(row) if row else None

    def courriel_pris_comme_identifiant(self, courriel: str, sauf_compte: str | None) -> bool:
        trouve = self.par_identifiant(courriel)
        return trouve is not None and trouve.id != sauf_compte

    def enregistrer(self, compte: CompteDemandeur) -> None:
        valeurs = {
            "personne_id": compte.personne_id,
            "courriel": compte.courriel,
            "etat": compte.etat.value,
            "mot_de_passe": compte.mot_de_passe,
            "courriel_confirme_le": compte.courriel_confirme_le,
            "cree_le": compte.cree_le,
        }
        if self.par_id(compte.id):
            self.session.execute(update(comptes).where(comptes.c.id == compte.id).values(**valeurs))
        else:
            self.session.execute(insert(comptes).values(id=compte.id, **valeurs))

    def _un(self, condition: Any) -> CompteDemandeur | None:
        row = self.session.execute(select(comptes).where(condition)).mappings().first()
        return _compte(row) if row else None


def _compte(row: Any) -> CompteDemandeur:
    return CompteDemandeur(
        id=row["id"],
        personne_id=row["personne_id"],
        courriel=row["courriel"],
        etat=EtatCompte(row["etat"]),
        cree_le=row["cree_le"],
        mot_de_passe=row["mot_de_passe"],
        courriel_confirme_le=row["courriel_confirme_le"],
    )


class SqlComptesAgents:
    def __init__(self, session: Session) -> None:
        self.session = session

    def par_id(self, agent_id: str) -> CompteAgent | None:
        return self._un(agents.c.id == agent_id)

    def par_identifiant(self, identifiant: str) -> CompteAgent | None:
        return self._un(agents.c.identifiant == identifiant)

    def enregistrer(self, agent: CompteAgent) -> None:
        valeurs = {k: v for k, v in vars(agent).items() if k != "id"}
        if self.par_id(agent.id):
            self.session.execute(update(agents).where(agents.c.id == agent.id).values(**valeurs))
        else:
            self.session.execute(insert(agents).values(id=agent.id, **valeurs))

    def _un(self, condition: Any) -> CompteAgent | None:
        row = self.session.execute(select(agents).where(condition)).mappings().first()
        return CompteAgent(**row) if row else None
