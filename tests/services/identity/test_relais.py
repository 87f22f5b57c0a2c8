"""Account e-mails leave through the outbox and reach the notifier's stream on a real NATS."""

from __future__ import annotations

import json

import nats
import pytest
from nats.js.api import ConsumerConfig, DeliverPolicy

from contracts.courriel import STREAM_COURRIELS, SUBJECTS_COURRIELS, DemandeCourriel, sujet_demande_courriel
from contracts.identity import DemandeOubliMotDePasse
from plumbing.messaging import ensure_stream
from plumbing.outbox import OutboxRelay
from services.identity.storage.tables import outbox
from services.identity.usecases.contexte import accepter
from services.identity.usecases.mots_de_passe import demander_reinitialisation
from services.identity.wiring import STREAM, SUBJECTS, IdentityParts
from tests.services.identity.conftest import courriels_demandes

pytestmark = pytest.mark.integration


async def test_la_demande_de_courriel_arrive_dans_la_file_du_notifier(
    deps: IdentityParts, nats_url: str
) -> None:
    with deps.unit_of_work.transaction() as depots:
        demande = DemandeOubliMotDePasse(identifiant="5903007178")
        accepter(demander_reinitialisation(depots=depots, outils=deps.outils, demande=demande))

    [envoye] = courriels_demandes(deps)
    client = await nats.connect(nats_url)
    try:
        js = client.jetstream()
        await ensure_stream(js, STREAM_COURRIELS, SUBJECTS_COURRIELS)
        relais = OutboxRelay(outbox, deps.unit_of_work.sessions, js, STREAM, SUBJECTS, "identity")
        await ensure_stream(js, STREAM, SUBJECTS)
        assert await relais.relay_pending() == 1
        assert await relais.relay_pending() == 0

        abonnement = await js.pull_subscribe(
            sujet_demande_courriel("identity"),
            stream=STREAM_COURRIELS,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
        )
        messages = await abonnement.fetch(100, timeout=5)
        recues = [DemandeCourriel.model_validate(json.loads(m.data)) for m in messages]
        [courriel] = [c for c in recues if c.idempotence == envoye["idempotence"]]
        assert courriel.modele == "reinitialisation-mot-de-passe"
        assert courriel.destinataire == "septetranger@yopmail.com"
    finally:
        await client.close()
