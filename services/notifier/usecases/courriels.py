"""Deliver one queued e-mail request: render it, hand it to the SMTP relay, decide what comes next.

The queue delivers a request at least once; the register of sent e-mails makes a second delivery
of the same `idempotence` key a no-op. A relay that is down means "try again later" (the queue
waits longer each time); a request that can never be sent, or the last failed delivery, becomes
a dead letter that administrators can list and replay.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pydantic import ValidationError

from plumbing.clock import Clock
from services.notifier.domain.courriels import (
    CourrielAbandonne,
    CourrielRefuse,
    DemandeEnvoi,
    Fichier,
    Issue,
    ModeleIntrouvable,
    PolitiqueReessai,
)
from services.notifier.domain.ports import Documents, Redacteur, Relais, Transactions

log = logging.getLogger(__name__)


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
    transactions: Transactions
    redacteur: Redacteur
    relais: Relais
    politique: PolitiqueReessai
    clock: Clock
    documents: Documents | None = None

    async def livrer(self, livraison: Livraison) -> Resultat:
        """Send one delivery of a queued request, at most once per idempotency key; say what next."""
        try:
            demande = DemandeEnvoi.model_validate_json(livraison.corps)
        except ValidationError as error:
            fields = ",".join(str(e["loc"][0]) for e in error.errors() if e["loc"])
            return await self._abandonner(livraison, None, f"demande invalide ({fields})")
        if await self.transactions.run_async(lambda r: r.registre.deja_envoye(demande.idempotence)):
            return Resultat(Issue.DOUBLON, idempotence=demande.idempotence)
        if refus := demande.refus(livraison.subject):
            return await self._abandonner(livraison, demande, refus)
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
        maintenant = self.clock.now()
        await self.transactions.run_async(
            lambda r: r.registre.envoye(demande.idempotence, demande.modele.value, maintenant)
        )
        log.info("courriel envoyé", extra={"modele": demande.modele.value, "livraison": livraison.numero})
        return Resultat(Issue.ENVOYE, idempotence=demande.idempotence)

    async def _joindre(self, demande: DemandeEnvoi) -> tuple[Fichier, ...]:
        """Attachments that exist; an unreachable documents service means "try again later"."""
        if self.documents is None:
            return ()
        fichiers = []
        for piece in demande.pieces_jointes:
            if (fichier := await self.documents.lire(piece)) is not None:
                fichiers.append(fichier)
            else:  # unknown, or not a document of that dossier (the documents service checks)
                log.warning(
                    "pièce jointe introuvable dans le dossier, écartée",
                    extra={"document_id": piece.document_id},
                )
        return tuple(fichiers)

    async def _abandonner(self, livraison: Livraison, demande: DemandeEnvoi | None, erreur: str) -> Resultat:
        idempotence = demande.idempotence if demande else f"illisible-{livraison.subject}"
        abandon = CourrielAbandonne(
            idempotence=idempotence,
            modele=demande.modele.value if demande else "inconnu",
            subject=livraison.subject,
            demande=livraison.corps.decode("utf-8", errors="replace"),
            erreur=erreur,
            livraisons=livraison.numero,
            le=self.clock.now(),
        )
        await self.transactions.run_async(lambda r: r.registre.abandonne(abandon))
        log.error("courriel abandonné", extra={"livraison": livraison.numero, "erreur": erreur})
        return Resultat(Issue.ABANDON, idempotence=idempotence)


def _decrire(error: Exception) -> str:
    """The error's class and SMTP code only: messages may quote the recipient's address."""
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__}{f' {code}' if code else ''}"
