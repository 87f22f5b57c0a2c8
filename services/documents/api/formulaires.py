"""What the routes read from a request: uploads (never trusted), the owner a caller declares."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, File, Form, Query, UploadFile

from contracts.documents import FICHIERS_MAX_PAR_PIECE, TAILLE_MAX_FICHIER
from services.documents.usecases.contenus import FichierRecu
from services.documents.usecases.dossiers import Proprietaire

DOSSIER = "/dossiers/{dossier_id}"


async def lire_fichier(fichier: UploadFile, limite: int = TAILLE_MAX_FICHIER) -> FichierRecu:
    """At most the size limit + 1 byte: one byte more than the limit is enough to know it is too large."""
    return FichierRecu(nom=fichier.filename, contenu=await fichier.read(limite + 1))


async def _fichiers(
    fichiers: Annotated[
        list[UploadFile],
        File(
            description="1 à 3 fichiers JPG, PNG, PDF, TIFF ou BMP",
            # documented; counted by the rules, with their French message
            json_schema_extra={"minItems": 1, "maxItems": FICHIERS_MAX_PAR_PIECE},
        ),
    ],
) -> list[FichierRecu]:
    return [await lire_fichier(f) for f in fichiers]


async def _fichier(fichier: Annotated[UploadFile, File()]) -> FichierRecu:
    return await lire_fichier(fichier)


def _proprietaire_du_formulaire(
    demandeur_id: Annotated[str | None, Form(alias="demandeurId", max_length=64)] = None,
    prefecture: Annotated[str | None, Form(max_length=32)] = None,
) -> Proprietaire:
    return Proprietaire(demandeur_id=demandeur_id or None, prefecture=prefecture or None)


def _proprietaire_des_parametres(
    demandeur_id: Annotated[str | None, Query(alias="demandeurId", max_length=64)] = None,
    prefecture: Annotated[str | None, Query(max_length=32)] = None,
) -> Proprietaire:
    return Proprietaire(demandeur_id=demandeur_id or None, prefecture=prefecture or None)


FichiersRecus = Annotated[list[FichierRecu], Depends(_fichiers)]
FichierUnique = Annotated[FichierRecu, Depends(_fichier)]
ProprietaireDeclare = Annotated[Proprietaire, Depends(_proprietaire_du_formulaire)]
"""With the dossier's first document: its applicant (named by a service) and its préfecture."""
ProprietaireEnParametres = Annotated[Proprietaire, Depends(_proprietaire_des_parametres)]
"""The same, as query parameters, where the body is JSON (the e-photo number)."""
