"""Publish the record log, in order, to the JetStream stream ENGINE_RECORDS (at least once)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from sqlalchemy import insert, select, update

from engine.notifications import Hub
from engine.state.schema import exporter_positions, records
from engine.state.unit_of_work import Store

log = logging.getLogger("engine.export")
STREAM = "ENGINE_RECORDS"
SUBJECT_PREFIX = "engine.record"
EXPORTER = "nats"
BATCH = 500


class NatsExporter:
    def __init__(self, store: Store, hub: Hub, url: str, partition_id: int, *, password: str = "") -> None:
        self.store = store
        self.hub = hub
        self.url = url
        self.partition_id = partition_id
        self.password = password  # the NATS user `engine`'s (scripts.nats_config)

    async def run(self) -> None:
        from plumbing.messaging import connect_nats

        while True:
            try:
                client = await connect_nats(self.url, "engine", self.password)
                jetstream = client.jetstream()
                await jetstream.add_stream(name=STREAM, subjects=[f"{SUBJECT_PREFIX}.>"])
                await self._export_forever(jetstream)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("record export failed; retrying")
                await asyncio.sleep(2)

    async def _export_forever(self, jetstream: Any) -> None:
        while True:
            self.hub.records_written.clear()
            position = self._position()
            batch = self._batch(position)
            for row in batch:
                subject = f"{SUBJECT_PREFIX}.{row['value_type']}.{row['intent']}"
                await jetstream.publish(
                    subject,
                    json.dumps(to_document(row, self.partition_id)).encode(),
                    headers={"Nats-Msg-Id": f"{self.partition_id}-{row['position']}"},
                )
            if batch:
                self._save_position(batch[-1]["position"])
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.hub.records_written.wait(), 1.0)

    def _position(self) -> int:
        with self.store.reading() as conn:
            value = conn.execute(
                select(exporter_positions.c.position).where(exporter_positions.c.exporter == EXPORTER)
            ).scalar()
            conn.rollback()
        return int(value or 0)

    def _batch(self, after: int) -> list[Any]:
        with self.store.reading() as conn:
            rows = list(
                conn.execute(
                    select(records)
                    .where(records.c.position > after)
                    .order_by(records.c.position)
                    .limit(BATCH)
                ).mappings()
            )
            conn.rollback()
        return rows

    def _save_position(self, position: int) -> None:
        with self.store.engine.begin() as conn:
            updated = conn.execute(
                update(exporter_positions)
                .where(exporter_positions.c.exporter == EXPORTER)
                .values(position=position)
            )
            if updated.rowcount == 0:
                conn.execute(insert(exporter_positions).values(exporter=EXPORTER, position=position))


def to_document(row: Any, partition_id: int) -> dict[str, Any]:
    return {
        "position": row["position"],
        "key": row["key"],
        "partitionId": partition_id,
        "valueType": row["value_type"],
        "intent": row["intent"],
        "recordType": "EVENT",
        "timestamp": row["timestamp"],
        "processInstanceKey": row["process_instance_key"],
        "value": json.loads(row["value"]),
    }
