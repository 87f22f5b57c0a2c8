"""Actor tokens for tests: signed by identity's own issuer with a test key, verified by a fixed key set.

tokens = ActorTokens()
app.state.actor_verifier = tokens.verifier()     # the app trusts this test key only
headers = tokens.headers(Actor("agent", "a1", frozenset({"59"})))
"""

from __future__ import annotations

from joserfc.jwk import KeySet

from plumbing.actors import Actor
from plumbing.authentication import ActorVerifier, actor_verifier
from services.identity.adapters.emetteur_moteur import EmetteurJetons, nouvelle_cle

ISSUER = "http://identite.test"


class ActorTokens:
    def __init__(self, duration_s: int = 300) -> None:
        self.key = nouvelle_cle()
        self.issuer = EmetteurJetons(self.key, ISSUER, duration_s)

    def token(self, actor: Actor) -> str:
        return self.issuer.jeton_acteur(actor)

    def headers(self, actor: Actor) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(actor)}"}

    def verifier(self) -> ActorVerifier:
        keys = KeySet.import_key_set(self.issuer.jwks())
        return actor_verifier("http://identite.test/jwks-inutilise", ISSUER, keys=keys)
