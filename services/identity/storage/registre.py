"""The register of people and their titles, in SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from contracts.identity import Adresse, EtatCivil
from services.identity.domain.registre import Personne, Titre
from services.identity.domain.situation import ChangementAdresse
from services.identity.storage.tables import changements_adresse, personnes, titres

_CHAMPS_ETAT_CIVIL = tuple(EtatCivil.model_fields)
_CHAMPS_ADRESSE = tuple(Adresse.model_fields)


class SqlRegistre:
    def __init__(self, session: Session) -> None:
        self.session = session

    def titre_par_numero(self, numero: str) -> Titre | None:
        return self._titre(titres.c.numero == numero)

    def titre_du_dossier(self, dossier_id: str) -> Titre | None:
        return self._titre(titres.c.dossier_id == dossier_id)

    def titres_de(self, personne_id: str) -> list[Titre]:
        rows = self.session.execute(select(titres).where(titres.c.personne_id == personne_id)).mappings()
        return [Titre(**row) for row in rows]

    def personne(self, personne_id: str) -> Personne | None:
        return self._personne(personnes.c.id == personne_id)

    def personne_par_numero_etranger(self, numero_etranger: str) -> Personne | None:
        return self._personne(personnes.c.numero_etranger == numero_etranger)

    def enregistrer_personne(self, personne: Personne) -> None:
        valeurs = {
            "numero_etranger": personne.numero_etranger,
            **personne.etat_civil.model_dump(by_alias=False),
            **personne.adresse.model_dump(by_alias=False),
        }
        self._upsert(personnes, personne.id, valeurs)

    def enregistrer_titre(self, titre: Titre) -> None:
        valeurs = {k: v for k, v in vars(titre).items() if k != "id"}
        self._upsert(titres, titre.id, valeurs)

    def prochain_numero_titre(self, jour: date) -> str:
        """Ten digits like the seed's example "9999999999": 2-digit year, then a sequence."""
        prefixe = f"{jour:%y}"
        nombre = self.session.execute(
            select(func.count()).select_from(titres).where(titres.c.numero.like(f"{prefixe}________"))
        ).scalar_one()
        return f"{prefixe}{nombre + 1:08d}"

    def ajouter_changement_adresse(self, changement: ChangementAdresse) -> None:
        valeurs = {k: v for k, v in vars(changement).items() if k not in ("ancienne", "nouvelle")}
        self.session.execute(
            insert(changements_adresse).values(
                **valeurs,
                ancienne=changement.ancienne.model_dump(mode="json", by_alias=False),
                nouvelle=changement.nouvelle.model_dump(mode="json", by_alias=False),
            )
        )

    def changements_adresse(self, personne_id: str) -> list[ChangementAdresse]:
        requete = (
            select(changements_adresse)
            .where(changements_adresse.c.personne_id == personne_id)
            .order_by(changements_adresse.c.declare_le.desc(), changements_adresse.c.id)
        )
        return [
            ChangementAdresse(
                **{k: v for k, v in row.items() if k not in ("ancienne", "nouvelle")},
                ancienne=Adresse.model_validate(row["ancienne"]),
                nouvelle=Adresse.model_validate(row["nouvelle"]),
            )
            for row in self.session.execute(requete).mappings()
        ]

    def _upsert(self, table: Any, ident: str, valeurs: dict[str, Any]) -> None:
        existe = self.session.execute(select(table.c.id).where(table.c.id == ident)).first()
        if existe:
            self.session.execute(update(table).where(table.c.id == ident).values(**valeurs))
        else:
            self.session.execute(insert(table).values(id=ident, **valeurs))

    def _titre(self, condition: Any) -> Titre | None:
        row = self.session.execute(select(titres).where(condition)).mappings().first()
        return Titre(**row) if row else None

    def _personne(self, condition: Any) -> Personne | None:
        row = self.session.execute(select(personnes).where(condition)).mappings().first()
        if row is None:
            return None
        return Personne(
            id=row["id"],
            numero_etranger=row["numero_etranger"],
            etat_civil=EtatCivil(**{k: row[k] for k in _CHAMPS_ETAT_CIVIL}),
            adresse=Adresse(**{k: row[k] for k in _CHAMPS_ADRESSE}),
        )
