"""Zeebe-style keys: the partition id in the high bits, a counter in the low 51 bits.

Counters are reserved from the database in blocks, inside the command's own transaction, so two
engines on one database never hand out the same key and a rolled-back block is simply dropped.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from engine.state.schema import key_blocks

KEY_BITS = 51
BLOCK_SIZE = 1000


class KeyGenerator:
    def __init__(self, partition_id: int) -> None:
        self.partition_id = partition_id
        self._next = 0
        self._end = 0
        self._saved: tuple[int, int] | None = None
        self._conn: Connection | None = None

    def begin(self, conn: Connection) -> None:
        self._conn = conn
        self._saved = (self._next, self._end)

    def commit(self) -> None:
        self._conn = None
        self._saved = None

    def rollback(self) -> None:
        if self._saved is not None and self._saved[1] != self._end:
            self._next, self._end = 0, 0  # the block reserved in this transaction is gone
        self._conn = None
        self._saved = None

    def mark(self) -> tuple[int, int]:
        """Where the keys stand before a savepoint (see `rollback_to`)."""
        return self._next, self._end

    def rollback_to(self, mark: tuple[int, int]) -> None:
        """The savepoint taken at `mark` was rolled back: a block reserved since then is gone with it."""
        if mark[1] != self._end:
            self._next, self._end = 0, 0

    def next_key(self) -> int:
        if self._next >= self._end:
            self._reserve_block()
        counter = self._next
        self._next += 1
        return (self.partition_id << KEY_BITS) + counter

    def _reserve_block(self) -> None:
        conn = self._conn
        if conn is None:
            raise RuntimeError("keys are only handed out inside a transaction")
        table = key_blocks
        where = table.c.partition_id == self.partition_id
        query = select(table.c.next_counter).where(where)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        current = conn.execute(query).scalar()
        if current is None:
            current = 1
            conn.execute(
                insert(table).values(partition_id=self.partition_id, next_counter=current + BLOCK_SIZE)
            )
        else:
            conn.execute(update(table).where(where).values(next_counter=current + BLOCK_SIZE))
        self._next, self._end = current, current + BLOCK_SIZE
