"""bpmnlint with the Camunda 8.9 rules, run by Node (`scripts/bpmnlint.mjs --json -`), as `Linter`.

The model goes in on standard input and is never written to disk; a linter that cannot run is a
refusal to deploy (never a silent pass).
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil

from plumbing.settings import REPO_ROOT
from services.backoffice.domain.console.lint import Constat, refus

SCRIPT = REPO_ROOT / "scripts" / "bpmnlint.mjs"
DELAI_S = 30.0
INDISPONIBLE = "La vérification du modèle (bpmnlint) n'a pas pu être faite ; rien n'a été déployé."

log = logging.getLogger(__name__)


class NodeBpmnLint:
    def __init__(self, node: str | None = None) -> None:
        self.node = node or shutil.which("node") or "node"

    async def verifier(self, xml: bytes) -> list[Constat]:
        try:
            process = await asyncio.create_subprocess_exec(
                self.node,
                str(SCRIPT),
                "--json",
                "-",
                cwd=REPO_ROOT,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as error:
            log.error("bpmnlint introuvable", extra={"error": type(error).__name__})
            raise refus(INDISPONIBLE) from None
        try:
            sortie, erreurs = await asyncio.wait_for(process.communicate(xml), DELAI_S)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise refus(INDISPONIBLE) from None
        try:
            constats = json.loads(sortie.decode("utf-8").splitlines()[0])
        except (ValueError, IndexError):
            log.error(
                "bpmnlint en échec", extra={"code": process.returncode, "stderr": erreurs[-500:].decode()}
            )
            raise refus(INDISPONIBLE) from None
        return [
            Constat(
                gravite=str(c.get("category", "error")),
                element=c.get("id"),
                regle=str(c.get("rule", "")),
                message=str(c.get("message", ""))[:500],
            )
            for c in constats
        ]
