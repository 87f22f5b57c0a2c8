"""Reading multipart uploads without trusting them: at most the size limit (+1 byte) of each file."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Form, UploadFile

from contracts.documents import TAILLE_MAX_FICHIER
from services.documents.usecases.contenus import FichierRecu
from services.documents.usecases.dossiers import Proprietaire

Fichiers = Annotated[list[UploadFile], File(description="1 à 3 fichiers JPG, PNG, PDF, TIFF ou BMP")]
DemandeurId = Annotated[str | None, Form(alias="demandeurId", max_length=64)]
Prefecture = Annotated[str | None, Form(max_length=32)]


async def lire_fichier(fichier: UploadFile, limite: int = TAILLE_MAX_FICHIER) -> FichierRecu:
    """One byte more than the limit is enough to know that a file is too large."""
    return FichierRecu(nom=fichier.filename, contenu=await fichier.read(limite + 1))


async def lire_fichiers(fichiers: list[UploadFile]) -> list[FichierRecu]:
    return [await lire_fichier(f) for f in fichiers]


def proprietaire(demandeur_id: str | None, prefecture: str | None) -> Proprietaire:
    return Proprietaire(demandeur_id=demandeur_id or None, prefecture=prefecture or None)
