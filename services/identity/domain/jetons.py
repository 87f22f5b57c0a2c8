"""Single-use links sent by e-mail: account confirmation and password reset.

The link carries a signed random token; only its SHA-256 fingerprint is stored, so a copy of
the database does not give working links. A token is spent when the password is set.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class UsageJeton(StrEnum):
    CONFIRMATION = "confirmation-compte"
    REINITIALISATION = "reinitialisation-mot-de-passe"


@dataclass(frozen=True)
class JetonEmis:
    id: str
    compte_id: str
    usage: UsageJeton
    cree_le: datetime
    expire_le: datetime
    utilise_le: datetime | None = None

    def utilisable(self, maintenant: datetime) -> bool:
        return self.utilise_le is None and maintenant < self.expire_le


def empreinte(secret: str) -> str:
    """What is stored instead of a token: tokens are 256-bit random, so a plain hash suffices."""
    return hashlib.sha256(secret.encode()).hexdigest()
