"""The FastAPI side of `plumbing.actors`: an internal API checks its caller and reads the actor."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from plumbing.actors import Actor, parse_actor


def require_actor(
    request: Request,
    authorization: Annotated[str, Header()] = "",
    x_acteur: Annotated[str, Header()] = "",
) -> Actor:
    """FastAPI dependency: check the internal token, return the actor (401/403 in French)."""
    expected: str = request.app.state.internal_api_token
    supplied = authorization.removeprefix("Bearer ").strip()
    if not supplied or not hmac.compare_digest(supplied, expected):
        raise HTTPException(status_code=401, detail="Authentification interne requise.")
    try:
        return parse_actor(x_acteur)
    except ValueError:
        raise HTTPException(status_code=403, detail="Acteur inconnu ou mal formé.") from None


CurrentActor = Annotated[Actor, Depends(require_actor)]
