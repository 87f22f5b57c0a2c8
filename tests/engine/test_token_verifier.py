"""The engine's token check against identity's real token endpoint: lazy key set, outages, cache."""

from __future__ import annotations

import pytest

from contracts.engine_access import ENGINE_AUDIENCE, platform_clients
from engine.protocol.access import KeysUnavailable, TokenVerifier, Unauthenticated
from tests.support.engine_tokens import TokenServer

pytestmark = pytest.mark.integration


async def test_the_key_set_is_fetched_lazily_so_the_engine_may_start_before_identity() -> None:
    identity = TokenServer(platform_clients())  # not started yet, as under `make run`
    verifier = TokenVerifier(identity.jwks_url, ENGINE_AUDIENCE, refresh_interval_s=0)
    token = identity.forge(sub="pdf", scope="jobs", job_types=["pdf.generer"])
    with pytest.raises(KeysUnavailable):
        await verifier.principal(f"Bearer {token}")
    identity.start()
    try:
        principal = await verifier.principal(f"Bearer {token}")
        assert principal.client_id == "pdf" and principal.works("pdf.generer")
        assert not principal.works("dossier.cloturer")
        # a real token from the endpoint verifies with the cached key set
        assert (await verifier.principal(f"Bearer {identity.token('dossier')}")).client_id == "dossier"
    finally:
        identity.stop()
    # identity down: tokens already verified still pass until they expire, the others cannot
    assert (await verifier.principal(f"Bearer {token}")).client_id == "pdf"


@pytest.mark.parametrize("header", ["", "Basic abc", "Bearer ", "bearer x.y"])
async def test_a_missing_or_malformed_header_is_unauthenticated(header: str) -> None:
    verifier = TokenVerifier("http://127.0.0.1:9/jwks", ENGINE_AUDIENCE)
    with pytest.raises(Unauthenticated):
        await verifier.principal(header)
