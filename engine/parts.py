"""The engine's parts, built once from the settings and shared by the gRPC gateway, REST API and scheduler.

Kept apart from `engine.app` (which also starts servers) so the REST routes can name what they receive
without importing the process's composition root.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from engine.clock import Clock
from engine.model.expressions import use_clock
from engine.notifications import Hub
from engine.protocol.topology import Topology
from engine.runtime.spiff_codec import SpiffFlowCodec
from engine.scheduler import Scheduler
from engine.settings import EngineSettings
from engine.state.database import create_database, prepare_schema
from engine.state.definitions import DefinitionCache
from engine.state.key_blocks import KeyGenerator
from engine.state.unit_of_work import Store


@dataclass
class EngineParts:
    """What the servers of one engine process share: one store, one clock, one notification hub."""

    settings: EngineSettings
    store: Store
    hub: Hub
    clock: Clock
    topology: Topology
    scheduler: Scheduler


def build_parts(settings: EngineSettings) -> EngineParts:
    """Open the database (creating its schema), pin FEEL's `now()` to the engine clock, wire the rest."""
    database = create_database(settings.resolved_database_url())
    prepare_schema(database)
    clock = Clock()
    use_clock(lambda: datetime.fromtimestamp(clock.now_ms() / 1000, UTC))
    hub = Hub()
    store = Store(
        database, clock, KeyGenerator(settings.partition_id), DefinitionCache(SpiffFlowCodec()), hub.on_commit
    )
    shared = database.dialect.name != "sqlite"
    topology = Topology(settings.host, settings.grpc_port, settings.partition_id)
    return EngineParts(settings, store, hub, clock, topology, Scheduler(store, hub, shared))
