"""The FastAPI side of `plumbing.actors`: an internal API checks its caller and reads the actor.

The caller's identity arrives as an actor token identity signed (`ACTOR_AUDIENCE`): the API verifies
it against identity's key set (`plumbing.signed_tokens`, `app.state.actor_verifier`) and the actor,
an agent's préfectures and roles included, is what identity wrote in it. Until every caller sends
one, a bearer that is not a JWT is still checked as the shared internal token with `X-Acteur`.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request

from plumbing.actors import ACTOR_AUDIENCE, Actor, actor_from_claims, parse_actor
from plumbing.erreurs_requete import refus
from plumbing.signed_tokens import JwksVerifier, KeysUnavailable, Unauthenticated

ActorVerifier = JwksVerifier[Actor]

REFUS_ACTEUR = refus(401, 403)
"""`responses=` of an internal API's router: no internal token (401), an unknown actor (403)."""


def actor_verifier(jwks_url: str, issuer: str = "", **options: Any) -> ActorVerifier:
    """The check of identity's actor tokens an internal API makes (`app.state.actor_verifier`)."""
    return JwksVerifier(jwks_url, ACTOR_AUDIENCE, _actor, issuer, **options)


def _actor(claims: Mapping[str, Any]) -> Actor:
    try:
        return actor_from_claims(claims)
    except ValueError:
        raise Unauthenticated("The token names no actor") from None


def _is_jwt(token: str) -> bool:
    return token.count(".") == 2


async def require_actor(
    request: Request,
    authorization: Annotated[str, Header()] = "",
    x_acteur: Annotated[str, Header()] = "",
) -> Actor:
    """FastAPI dependency: check the caller, return the actor (401/403/503 in French)."""
    supplied = authorization.removeprefix("Bearer ").strip()
    if _is_jwt(supplied):  # an actor token: the actor is what identity signed, never `X-Acteur`
        verifier: ActorVerifier | None = getattr(request.app.state, "actor_verifier", None)
        try:
            if verifier is None:
                raise Unauthenticated("no actor token verifier")
            return await verifier.verify(supplied)
        except Unauthenticated:
            raise HTTPException(status_code=401, detail="Jeton d'acteur invalide ou expiré.") from None
        except KeysUnavailable:
            raise HTTPException(
                status_code=503, detail="Vérification des jetons momentanément indisponible."
            ) from None
    expected: str = request.app.state.internal_api_token
    # bytes: a header may carry any Latin-1 character, which `compare_digest` refuses in a str
    if not supplied or not hmac.compare_digest(supplied.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="Authentification interne requise.")
    try:
        return parse_actor(x_acteur)
    except ValueError:
        raise HTTPException(status_code=403, detail="Acteur inconnu ou mal formé.") from None


CurrentActor = Annotated[Actor, Depends(require_actor)]
