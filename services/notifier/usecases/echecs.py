"""E-mails given up after their last delivery (dead letters): listed and replayed by administrators."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from contracts.notifier import CourrielEnEchec
from services.notifier.domain.ports import Transactions

# Queue a dead letter again: its id, its subject and its raw request.
Rejeu = Callable[[int, str, str], Awaitable[None]]


class EchecIntrouvable(LookupError):
    """No such dead letter, or one replayed already."""


async def lister_echecs(*, transactions: Transactions, limite: int) -> list[CourrielEnEchec]:
    """The latest dead letters, newest first, without their recipients."""
    return await transactions.run_async(lambda r: r.registre.en_echec(limite))


async def rejouer_echec(
    *, transactions: Transactions, echec_id: int, rejeu: Rejeu | None, maintenant: datetime
) -> None:
    """Queue a dead letter again, once: the relay may be back, or the request fixed meanwhile."""
    a_rejouer = await transactions.run_async(lambda r: r.registre.a_rejouer(echec_id))
    if a_rejouer is None or rejeu is None:
        raise EchecIntrouvable("Courriel en échec introuvable ou déjà rejoué.")
    await rejeu(echec_id, *a_rejouer)
    await transactions.run_async(lambda r: r.registre.rejoue(echec_id, maintenant))
