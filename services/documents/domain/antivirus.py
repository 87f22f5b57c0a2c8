"""The antivirus every received file goes through before anything decodes it, and what it answers."""

from __future__ import annotations

from typing import Protocol

from services.documents.domain.erreurs import AntivirusIndisponible, FichierInfecte

ANTIVIRUS_INDISPONIBLE = (
    "L'analyse antivirus des fichiers est momentanément indisponible : aucun fichier n'a été "
    "enregistré. Veuillez réessayer dans quelques minutes."
)


class Antivirus(Protocol):
    async def analyser(self, contenu: bytes) -> str | None:
        """The name of the threat found in `contenu`, None when there is none.

        Raises `AntivirusIndisponible` when the scanner does not answer: nothing is kept unscanned.
        """


class SansAntivirus:
    """Development's default (no `DOCUMENTS_CLAMD_ADDRESS`): every file passes unscanned."""

    async def analyser(self, contenu: bytes) -> str | None:
        return None


def infecte(nom: str) -> FichierInfecte:
    return FichierInfecte(
        f"Le fichier « {nom} » contient un virus ou un programme malveillant : il est refusé. "
        "Veuillez joindre une copie saine du document, par exemple un nouveau scan."
    )


def indisponible() -> AntivirusIndisponible:
    return AntivirusIndisponible(ANTIVIRUS_INDISPONIBLE)
