"""Actor tokens for tests: signed by identity's own issuer with a test key, verified by a fixed key set.

    app = trust_test_tokens(build_app(...))                # the app trusts the test key only
    headers = TEST_TOKENS.headers(Actor("agent", "a1", frozenset({"59"})))
    client = DocumentsClient(http, TEST_TOKENS, actor)      # a typed client gets its tokens here

identity's tests sign with the same key (`IdentitySettings(oauth_signing_key=TEST_TOKENS.key_json)`),
so a session's actor token verifies in every test app.
"""

from __future__ import annotations

import json
from typing import TypeVar

from fastapi import FastAPI

from plumbing.actors import Actor
from plumbing.authentication import ActorVerifier, actor_verifier
from services.identity.adapters.emetteur_moteur import EmetteurJetons, nouvelle_cle

ISSUER = "http://identite.test"
App = TypeVar("App", bound=FastAPI)


class ActorTokens:
    """Signs actor tokens with its own key (a new one unless given); `plumbing.actors.ActorTokens`."""

    def __init__(self, duration_s: int = 300) -> None:
        self.key = nouvelle_cle()
        self.key_json = json.dumps(self.key.as_dict(private=True))
        self.issuer = EmetteurJetons(self.key, ISSUER, duration_s)

    def sign(self, actor: Actor) -> str:
        return self.issuer.jeton_acteur(actor)

    async def token(self, actor: Actor, *, renew: bool = False) -> str:
        return self.sign(actor)

    def headers(self, actor: Actor) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.sign(actor)}"}

    def verifier(self) -> ActorVerifier:
        return actor_verifier("http://identite.test/jwks-inutilise", keys=self.issuer.cles())


# a day: modules sign their headers when the suite is collected, and the suite lasts longer than
# identity's five minutes
TEST_TOKENS = ActorTokens(duration_s=24 * 3600)


def trust_test_tokens(app: App) -> App:
    """`app` verifying actor tokens with the test key (instead of fetching identity's key set)."""
    app.state.actor_verifier = TEST_TOKENS.verifier()
    return app
