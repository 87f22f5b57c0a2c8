"""bpmnlint's findings (Camunda 8.9 rules) as the process owner reads them before a deployment.

The rules' own messages are English (bpmnlint's); each is given in French context: which element,
what is wrong, which rule. Errors block the deployment; warnings are shown and do not.
"""

from __future__ import annotations

from dataclasses import dataclass

TAILLE_MAX = 2_000_000  # a BPMN file: the renewal model is ~60 kB
IMPORT = "import"


@dataclass(frozen=True)
class Constat:
    gravite: str  # "error" or "warn", as bpmnlint says
    element: str | None
    regle: str
    message: str

    @property
    def bloquant(self) -> bool:
        return self.gravite != "warn"

    @property
    def en_francais(self) -> str:
        if self.regle == IMPORT:
            quoi = f"de l'élément « {self.element} »" if self.element else "du fichier"
            return f"Lecture impossible {quoi} : le XML n'est pas un modèle BPMN valide ({self.message})."
        ou = f"Élément « {self.element} »" if self.element else "Modèle"
        niveau = "erreur" if self.bloquant else "avertissement"
        return f"{ou} : {self.message} ({niveau}, règle {self.regle})."


class ModeleRefuse(Exception):
    """The model was not deployed: its blocking findings, or why it could not be read."""

    def __init__(self, constats: list[Constat]) -> None:
        super().__init__(f"{len(constats)} constat(s)")
        self.constats = constats


def refus(message: str) -> ModeleRefuse:
    """A refusal that is not bpmnlint's (empty file, too large, not XML)."""
    return ModeleRefuse([Constat("error", None, "depot", message)])


def bloquants(constats: list[Constat]) -> list[Constat]:
    return [c for c in constats if c.bloquant]
