"""Link tokens, sessions and guess counters in SQL (fingerprints only, never the tokens)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session as SqlSession

from services.identity.domain.jetons import JetonEmis, UsageJeton
from services.identity.domain.limitation import Compteur
from services.identity.domain.sessions import Session
from services.identity.storage.tables import jetons, sessions, tentatives


class SqlJetons:
    def __init__(self, session: SqlSession) -> None:
        self.session = session

    def ajouter(self, jeton: JetonEmis, empreinte: str) -> None:
        self.session.execute(insert(jetons).values(empreinte=empreinte, **vars(jeton)))

    def par_empreinte(self, empreinte: str) -> JetonEmis | None:
        row = self.session.execute(select(jetons).where(jetons.c.empreinte == empreinte)).mappings().first()
        return _jeton(row) if row else None

    def dernier(self, compte_id: str, usage: UsageJeton) -> JetonEmis | None:
        requete = (
            select(jetons)
            .where(jetons.c.compte_id == compte_id, jetons.c.usage == usage.value)
            .order_by(jetons.c.cree_le.desc())
        )
        row = self.session.execute(requete).mappings().first()
        return _jeton(row) if row else None

    def marquer_utilise(self, jeton_id: str, quand: datetime) -> None:
        self.session.execute(update(jetons).where(jetons.c.id == jeton_id).values(utilise_le=quand))

    def purger(self, avant: datetime) -> int:
        return self.session.execute(delete(jetons).where(jetons.c.expire_le < avant)).rowcount  # type: ignore[attr-defined]

    def annuler_ceux_de(self, compte_id: str, usage: UsageJeton, quand: datetime) -> None:
        self.session.execute(
            update(jetons)
            .where(
                jetons.c.compte_id == compte_id, jetons.c.usage == usage.value, jetons.c.utilise_le.is_(None)
            )
            .values(utilise_le=quand)
        )


def _jeton(row: Any) -> JetonEmis:
    return JetonEmis(
        id=row["id"],
        compte_id=row["compte_id"],
        usage=UsageJeton(row["usage"]),
        cree_le=row["cree_le"],
        expire_le=row["expire_le"],
        utilise_le=row["utilise_le"],
    )


class SqlSessions:
    def __init__(self, session: SqlSession) -> None:
        self.session = session

    def ajouter(self, session: Session, empreinte: str) -> None:
        self.session.execute(insert(sessions).values(empreinte=empreinte, **vars(session)))

    def par_empreinte(self, empreinte: str) -> Session | None:
        row = (
            self.session.execute(select(sessions).where(sessions.c.empreinte == empreinte)).mappings().first()
        )
        return _session(row) if row else None

    def mettre_a_jour(self, session: Session) -> None:
        valeurs = {k: v for k, v in vars(session).items() if k != "id"}
        self.session.execute(update(sessions).where(sessions.c.id == session.id).values(**valeurs))

    def de(self, titulaire: str, titulaire_id: str) -> list[Session]:
        requete = (
            select(sessions)
            .where(sessions.c.titulaire == titulaire, sessions.c.titulaire_id == titulaire_id)
            .order_by(sessions.c.ouverte_le.desc())
        )
        return [_session(row) for row in self.session.execute(requete).mappings()]

    def revoquer(self, session_id: str, quand: datetime) -> None:
        self.session.execute(
            update(sessions)
            .where(sessions.c.id == session_id, sessions.c.revoquee_le.is_(None))
            .values(revoquee_le=quand)
        )

    def purger(self, avant: datetime) -> int:
        return self.session.execute(delete(sessions).where(sessions.c.expire_le < avant)).rowcount  # type: ignore[attr-defined]

    def revoquer_toutes(self, titulaire: str, titulaire_id: str, quand: datetime, sauf: str | None) -> int:
        requete = update(sessions).where(
            sessions.c.titulaire == titulaire,
            sessions.c.titulaire_id == titulaire_id,
            sessions.c.revoquee_le.is_(None),
            sessions.c.expire_le > quand,
        )
        if sauf:
            requete = requete.where(sessions.c.id != sauf)
        return self.session.execute(requete.values(revoquee_le=quand)).rowcount  # type: ignore[attr-defined]


def _session(row: Any) -> Session:
    return Session(
        id=row["id"],
        titulaire=row["titulaire"],
        titulaire_id=row["titulaire_id"],
        ouverte_le=row["ouverte_le"],
        derniere_activite_le=row["derniere_activite_le"],
        expire_le=row["expire_le"],
        revoquee_le=row["revoquee_le"],
    )


class SqlTentatives:
    def __init__(self, session: SqlSession) -> None:
        self.session = session

    def compteur(self, cle: str) -> Compteur | None:
        row = self.session.execute(select(tentatives).where(tentatives.c.cle == cle)).mappings().first()
        return _compteur(row) if row else None

    def verrouiller(self, cle: str, maintenant: datetime) -> Compteur:
        vide = {"cle": cle, "echecs": 0, "debut_fenetre": maintenant}
        self.session.execute(
            _insert(self.session).values(**vide).on_conflict_do_nothing(index_elements=["cle"])
        )
        requete = select(tentatives).where(tentatives.c.cle == cle).with_for_update()
        return _compteur(self.session.execute(requete).mappings().one())

    def enregistrer(self, cle: str, compteur: Compteur) -> None:
        valeurs = vars(compteur)
        requete = _insert(self.session).values(cle=cle, **valeurs)
        self.session.execute(requete.on_conflict_do_update(index_elements=["cle"], set_=valeurs))

    def effacer(self, cle: str) -> None:
        self.session.execute(delete(tentatives).where(tentatives.c.cle == cle))

    def purger(self, avant: datetime) -> int:
        perimes = and_(
            tentatives.c.debut_fenetre < avant,
            or_(tentatives.c.bloque_jusqu_au.is_(None), tentatives.c.bloque_jusqu_au < avant),
        )
        return self.session.execute(delete(tentatives).where(perimes)).rowcount  # type: ignore[attr-defined]


def _compteur(row: Any) -> Compteur:
    return Compteur(
        echecs=row["echecs"],
        debut_fenetre=row["debut_fenetre"],
        bloque_jusqu_au=row["bloque_jusqu_au"],
    )


def _insert(session: SqlSession) -> Any:
    """INSERT ... ON CONFLICT, in the dialect of the session's database."""
    dialecte = session.get_bind().dialect.name
    return (postgresql_insert if dialecte == "postgresql" else sqlite_insert)(tentatives)
