"""Deliver one queued e-mail request: render it, hand it to the SMTP relay, decide what comes next.

The queue delivers a request at least once; the register of sent e-mails makes a second delivery
of the same `idempotence` key a no-op. A relay that is down means "try again later" (the queue
waits longer each time); a request that can never be sent, or the last failed delivery, becomes
a dead letter that administrators can list and replay.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pydantic import ValidationError

from services.notifier.domain.courriels import (
    Courriel,
    DemandeEnvoi,
    Fichier,
    Issue,
    PieceJointeCourriel,
    PolitiqueReessai,
)

log = logging.getLogger(__name__)


class CourrielRefuse(Exception):
    """The relay refused this e-mail for good (e.g. 5xx): retrying would not help."""


class ModeleIntrouvable(Exception):
    """No template renders this request."""


class Registre(Protocol):
    def deja_envoye(self, idempotence: str) -> bool: ...

    def envoye(self, idempotence: str, modele: str, le: datetime) -> None: ...

    def abandonne(
        self,
        *,
        idempotence: str,
        modele: str,
        subject: str,
        demande: str,
        erreur: str,
        livraisons: int,
        le: datetime,
    ) -> None: ...


class Redacteur(Protocol):
    def rediger(self, demande: DemandeEnvoi, fichiers: tuple[Fichier, ...] = ()) -> Courriel: ...


class Documents(Protocol):
    async def lire(self, piece: PieceJointeCourriel) -> Fichier | None:
        """The file, or None if the documents service does not know it; raise if unreachable."""


class Relais(Protocol):
    async def envoyer(self, courriel: Courriel) -> None:
        """Return once the relay accepted the message; raise otherwise."""


@dataclass(frozen=True)
class Livraison:
    """One delivery of a queued request: its subject, raw body and delivery count (1, 2, ...)."""

    subject: str
    corps: bytes
    numero: int


@dataclass(frozen=True)
class Resultat:
    issue: Issue
    delai: float = 0.0
    idempotence: str = ""


@dataclass
class EnvoiCourriels:
    registre: Registre
    redacteur: Redacteur
    relais: Relais
    politique: PolitiqueReessai
    horloge: Callable[[], datetime]
    documents: Documents | None = None

    async def livrer(self, livraison: Livraison) -> Resultat:
        try:
            demande = DemandeEnvoi.model_validate_json(livraison.corps)
        except ValidationError as error:
            fields = ",".join(str(e["loc"][0]) for e in error.errors() if e["loc"])
            return await self._abandonner(livraison, None, f"demande invalide ({fields})")
        if await asyncio.to_thread(self.registre.deja_envoye, demande.idempotence):
            return Resultat(Issue.DOUBLON, idempotence=demande.idempotence)
        if manquantes := demande.donnees_manquantes():
            return await self._abandonner(livraison, demande, f"données manquantes : {', '.join(manquantes)}")
        try:
            fichiers = await self._joindre(demande)
            await self.relais.envoyer(self.redacteur.rediger(demande, fichiers))
        except (CourrielRefuse, ModeleIntrouvable) as error:
            return await self._abandonner(livraison, demande, _decrire(error))
        except Exception as error:  # relay or documents down, timeout, temporary refusal: later
            if self.politique.abandonner(livraison.numero):
                return await self._abandonner(livraison, demande, _decrire(error))
            delai = self.politique.delai(livraison.numero)
            log.warning(
                "relais SMTP indisponible, nouvel essai",
                extra={"livraison": livraison.numero, "delai": delai, "erreur": type(error).__name__},
            )
            return Resultat(Issue.REESSAI, delai, demande.idempotence)
        await asyncio.to_thread(
            self.registre.envoye, demande.idempotence, demande.modele.value, self.horloge()
        )
        log.info("courriel envoyé", extra={"modele": demande.modele.value, "livraison": livraison.numero})
        return Resultat(Issue.ENVOYE, idempotence=demande.idempotence)

    async def _joindre(self, demande: DemandeEnvoi) -> tuple[Fichier, ...]:
        """Attachments that exist; an unreachable documents service means "try again later"."""
        if self.documents is None:
            return ()
        fichiers = [await self.documents.lire(piece) for piece in demande.pieces_jointes]
        return tuple(f for f in fichiers if f is not None)

    async def _abandonner(self, livraison: Livraison, demande: DemandeEnvoi | None, erreur: str) -> Resultat:
        idempotence = demande.idempotence if demande else f"illisible-{livraison.subject}"
        await asyncio.to_thread(
            lambda: self.registre.abandonne(
                idempotence=idempotence,
                modele=demande.modele.value if demande else "inconnu",
                subject=livraison.subject,
                demande=livraison.corps.decode("utf-8", errors="replace"),
                erreur=erreur,
                livraisons=livraison.numero,
                le=self.horloge(),
            )
        )
        log.error("courriel abandonné", extra={"livraison": livraison.numero, "erreur": erreur})
        return Resultat(Issue.ABANDON, idempotence=idempotence)


def _decrire(error: Exception) -> str:
    """The error's class and SMTP code only: messages may quote the recipient's address."""
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__}{f' {code}' if code else ''}"
