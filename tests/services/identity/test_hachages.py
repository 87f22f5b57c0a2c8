"""Sign-ins hash in their own small pool, and one that waited past its caller's patience is not hashed."""

from __future__ import annotations

import time

import anyio
import pytest
from fastapi import HTTPException

from services.identity.api.hachages import SURCHARGE, Hachages

pytestmark = pytest.mark.unit


async def test_le_travail_est_fait_hors_de_la_boucle() -> None:
    assert await Hachages(places=1).executer(lambda: 42) == 42


async def test_une_connexion_qui_a_trop_attendu_n_est_pas_hachee() -> None:
    hachages, faits = Hachages(places=1, attente_maximale=0.05), []

    def long() -> None:
        time.sleep(0.3)
        faits.append("long")

    refus: list[HTTPException] = []

    async def en_attente() -> None:
        try:
            await hachages.executer(lambda: faits.append("en attente"))
        except HTTPException as erreur:
            refus.append(erreur)

    async with anyio.create_task_group() as groupe:
        groupe.start_soon(hachages.executer, long)
        await anyio.sleep(0.01)
        groupe.start_soon(en_attente)
    assert faits == ["long"]
    assert [(e.status_code, e.detail) for e in refus] == [(503, SURCHARGE)]
