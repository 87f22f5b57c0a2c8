"""Calls to the API as the gateway, the back-office and the workers make them."""

from __future__ import annotations

import httpx

from plumbing.actors import Actor
from tests.services.documents.conftest import entetes

Fichier = tuple[str, bytes, str]


async def joindre(
    client: httpx.AsyncClient,
    acteur: Actor,
    piece: str,
    *fichiers: Fichier,
    dossier: str = "dos-1",
    prefecture: str | None = "59",
) -> httpx.Response:
    data = {"prefecture": prefecture} if prefecture else {}
    return await client.post(
        f"/dossiers/{dossier}/pieces/{piece}/fichiers",
        files=[("fichiers", f) for f in fichiers],
        data=data,
        headers=entetes(acteur),
    )


async def remplacer(
    client: httpx.AsyncClient,
    acteur: Actor,
    piece: str,
    *fichiers: Fichier,
    dossier: str = "dos-1",
    ronde: int = 1,
) -> httpx.Response:
    return await client.post(
        f"/dossiers/{dossier}/pieces/{piece}/versions",
        files=[("fichiers", f) for f in fichiers],
        data={"ronde": str(ronde)},
        headers=entetes(acteur),
    )


async def sceller(client: httpx.AsyncClient, acteur: Actor, dossier: str = "dos-1") -> httpx.Response:
    return await client.post(f"/dossiers/{dossier}/scellement", headers=entetes(acteur))


async def pieces(client: httpx.AsyncClient, acteur: Actor, dossier: str = "dos-1") -> httpx.Response:
    return await client.get(f"/dossiers/{dossier}/pieces", headers=entetes(acteur))
