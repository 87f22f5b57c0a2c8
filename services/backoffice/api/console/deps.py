"""What the console's pages are built with, and the signed-in process owner of each request."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from fastapi import Request

from services.backoffice.api.deps import AgentConnecte, BackofficeDeps
from services.backoffice.domain.console.acces import exiger_console
from services.backoffice.domain.console.ports import Attente, Linter, Referentiel


@dataclass(frozen=True)
class ConsoleDeps:
    site: BackofficeDeps
    referentiel: Referentiel
    linter: Linter
    attendre: Attente = field(default=asyncio.sleep)  # type: ignore[assignment]

    async def responsable(self, request: Request) -> AgentConnecte:
        """The signed-in agent, when a process owner or an administrator (403 page otherwise)."""
        connecte = await self.site.agent(request)
        exiger_console(connecte.acteur)
        return connecte
