"""Retention: published outbox rows and inbox ids are deleted once they are old, a small
batch per transaction, by a timer in every service (``ServiceBase.forget_old_messages``).

An outbox row is worth keeping only until it is published: the relay never reads a
published one. It stays ``XIAONENG_RETENTION_DAYS`` (30) after publishing, for an operator
tracing an event.

An inbox id is what turns a second copy of an event into a no-op, so it must outlive every
copy that can still arrive. Copies in flight are redelivered within minutes (retries), but
a parked copy waits for an operator for as long as nobody replays or discards it — the
``XiaonengMessageParked`` alert fires from the first one, and docs/operations.md asks for a
decision within the retention period. Inbox ids are kept twice that long, so a copy parked on the
last day of the period and replayed still finds its id.

The indexes (:func:`add_indexes`): a partial index of the unpublished rows, in order, keeps
the relay's scan as cheap with a million published rows as with none when a backlog has
formed (PostgreSQL walks it; SQLite finds the NULLs through ``published_at``'s index, which
the deletes here use too), and ``received_at`` lets the inbox be trimmed without reading
it whole.
"""

import logging
from datetime import UTC, datetime, timedelta

import eventlet
import sqlalchemy as sa

from chassis.db import InboxRecord, OutboxRecord

log = logging.getLogger(__name__)
BATCH = 1000  # rows per transaction: short locks, small WAL
MAX_BATCHES = 100  # per run; a backlog goes over several runs
INTERVAL = 3600  # seconds between runs
INBOX_FACTOR = 2  # inbox ids are kept this many retention periods
UNPUBLISHED, RECEIVED = "ix_outbox_unpublished", "ix_inbox_received_at"  # chassis.db
_outbox, _inbox = OutboxRecord.__table__, InboxRecord.__table__


def forget(engine, lock, days: int, now: datetime | None = None) -> dict:
    """Delete published outbox rows and inbox ids older than their retention; returns how
    many of each went. ``lock``: the unit of work's (SQLite has one writer)."""
    now = now or datetime.now(UTC)
    outbox_old = sa.select(_outbox.c.seq).where(
        _outbox.c.published_at < now - timedelta(days=days)).limit(BATCH)
    inbox_old = sa.select(_inbox.c.consumer, _inbox.c.event_id).where(
        _inbox.c.received_at < now - timedelta(days=days * INBOX_FACTOR)).limit(BATCH)
    gone = {
        "outbox": _in_batches(engine, lock, sa.delete(_outbox).where(
            _outbox.c.seq.in_(outbox_old.scalar_subquery()))),
        "inbox": _in_batches(engine, lock, sa.delete(_inbox).where(
            sa.tuple_(_inbox.c.consumer, _inbox.c.event_id).in_(inbox_old))),
    }
    if any(gone.values()):
        log.info("retention: deleted %(outbox)d outbox rows, %(inbox)d inbox ids", gone)
    return gone


def _in_batches(engine, lock, delete) -> int:
    total = 0
    for _ in range(MAX_BATCHES):
        with lock, engine.begin() as connection:
            deleted = connection.execute(delete).rowcount
        total += deleted
        if deleted < BATCH:
            break
        eventlet.sleep(0)  # let the service's own work in between
    return total


def add_indexes(op):
    """For each service's migration: the indexes above, on a database made before them
    (one made since has them from its first migration: they are on the tables' model)."""
    for index in (*_outbox.indexes, *_inbox.indexes):
        if index.name in (UNPUBLISHED, RECEIVED):
            op.create_index(index.name, index.table.name, [c.name for c in index.columns],
                            unique=False, if_not_exists=True, **index.dialect_kwargs)

