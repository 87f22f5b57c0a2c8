"""The FastAPI side of `plumbing.actors`: an internal API checks its caller and reads the actor.

The caller's identity arrives as an actor token identity signed (`ACTOR_AUDIENCE`): the API verifies
it against identity's key set (`plumbing.signed_tokens`, `app.state.actor_verifier`) and the actor,
an agent's préfectures and roles included, is what identity wrote in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request

from plumbing.actors import ACTOR_AUDIENCE, INVALID_TOKEN_CHALLENGE, Actor, actor_from_claims
from plumbing.erreurs_requete import refus
from plumbing.signed_tokens import JwksVerifier, KeysUnavailable, Unauthenticated, bearer

ActorVerifier = JwksVerifier[Actor]

REFUS_ACTEUR = refus(401, 403, 503)
"""`responses=` of an internal API's router: no valid actor token (401), an actor not allowed (403), identity's keys unreachable (503)."""


def actor_verifier(jwks_url: str, issuer: str = "", **options: Any) -> ActorVerifier:
    """The check of identity's actor tokens an internal API makes (`app.state.actor_verifier`)."""
    return JwksVerifier(jwks_url, ACTOR_AUDIENCE, _actor, issuer, **options)


def _actor(claims: Mapping[str, Any]) -> Actor:
    try:
        return actor_from_claims(claims)
    except ValueError:
        raise Unauthenticated("The token names no actor") from None


async def require_actor(request: Request, authorization: Annotated[str, Header()] = "") -> Actor:
    """FastAPI dependency: the actor identity signed for the caller (401/503 in French).

    Nothing the caller declares is read: an agent's préfectures and roles are those in the token."""
    verifier: ActorVerifier = request.app.state.actor_verifier
    try:
        return await verifier.verify(bearer(authorization))
    except Unauthenticated:
        raise HTTPException(
            status_code=401,
            detail="Jeton d'acteur absent, invalide ou expiré.",
            headers={"WWW-Authenticate": INVALID_TOKEN_CHALLENGE},
        ) from None
    except KeysUnavailable:
        raise HTTPException(
            status_code=503, detail="Vérification des jetons momentanément indisponible."
        ) from None


CurrentActor = Annotated[Actor, Depends(require_actor)]
