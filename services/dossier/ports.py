"""What the dossier service needs from the outside: the engine, the documents service, the clock."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from contracts.documents import Hebergement, PieceManquante
from contracts.dossier import Cas


class MoteurProcessus(Protocol):
    """The process engine, through the Zeebe gateway protocol."""

    async def demarrer(self, process_id: str, variables: dict[str, Any]) -> int:
        """Create a process instance; return its key."""

    async def publier_message(
        self, nom: str, cle_correlation: str, variables: dict[str, Any], message_id: str
    ) -> None:
        """Publish a message; a message already published with this id counts as published."""

    async def annuler_instance(self, process_instance_key: int) -> None:
        """Cancel an instance (a duplicate start); an instance already gone counts as cancelled."""


class PiecesJustificatives(Protocol):
    """The pieces of a dossier, owned by the documents service."""

    async def manquantes(
        self, dossier_id: str, *, cas: Cas, hebergement: Hebergement
    ) -> list[PieceManquante]:
        """The required pieces still missing for this case and home situation."""

    async def ouvrir_complements(self, dossier_id: str, *, ronde: int, pieces: list[str]) -> None:
        """Allow new versions of these pieces in complement round `ronde` (idempotent)."""

    async def pieces_remplacees(self, dossier_id: str, *, ronde: int) -> set[str]:
        """Codes of the pieces that got a new file in complement round `ronde`."""


class Horloge(Protocol):
    def maintenant(self) -> datetime:
        """Now, timezone-aware (UTC)."""

    def aujourdhui(self) -> date:
        """Today's date in France (Europe/Paris): the date of a deposit, of an age."""
