"""Forgetting what no longer serves: expired sessions and links, stale guess counters."""

from __future__ import annotations

from datetime import timedelta

from services.identity.domain.ports import Depots
from services.identity.usecases.contexte import Outils

CONSERVATION = timedelta(days=7)  # long enough to answer "was I logged in yesterday?"


def faire_le_menage(*, depots: Depots, outils: Outils) -> dict[str, int]:
    avant = outils.clock.now() - CONSERVATION
    return {
        "sessions": depots.sessions.purger(avant),
        "liens": depots.jetons.purger(avant),
        "compteurs": depots.tentatives.purger(avant),
    }
