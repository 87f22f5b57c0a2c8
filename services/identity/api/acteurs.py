"""Who may call identity's account and session endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException

from plumbing.actors import Actor
from plumbing.authentication import CurrentActor
from services.identity.domain.erreurs import ActionReservee


def exiger_service(acteur: CurrentActor) -> Actor:
    """Account and session endpoints are called by the gateway or back-office for a visitor."""
    if not acteur.is_service:
        raise HTTPException(status_code=403, detail=ActionReservee.message)
    return acteur


ActeurService = Annotated[Actor, Depends(exiger_service)]
