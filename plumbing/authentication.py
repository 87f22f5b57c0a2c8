"""The FastAPI side of `plumbing.actors`: an internal API checks its caller and reads the actor."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from plumbing.actors import Actor, parse_actor
from plumbing.erreurs_requete import refus

REFUS_ACTEUR = refus(401, 403)
"""`responses=` of an internal API's router: no internal token (401), an unknown actor (403)."""


def require_actor(
    request: Request,
    authorization: Annotated[str, Header()] = "",
    x_acteur: Annotated[str, Header()] = "",
) -> Actor:
    """FastAPI dependency: check the internal token, return the actor (401/403 in French)."""
    expected: str = request.app.state.internal_api_token
    supplied = authorization.removeprefix("Bearer ").strip()
    # bytes: a header may carry any Latin-1 character, which `compare_digest` refuses in a str
    if not supplied or not hmac.compare_digest(supplied.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="Authentification interne requise.")
    try:
        return parse_actor(x_acteur)
    except ValueError:
        raise HTTPException(status_code=403, detail="Acteur inconnu ou mal formé.") from None


CurrentActor = Annotated[Actor, Depends(require_actor)]
