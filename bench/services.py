"""A producer and a consumer on the chassis, for bench/events.py."""

from datetime import UTC, datetime
from pathlib import Path

import eventlet
import sqlalchemy as sa

import contracts  # noqa: F401  (registers posts' event contracts with the envelope)
from chassis.db import UTCDateTime
from chassis.entrypoints import rpc
from chassis.events import handle_event
from chassis.service import ServiceBase
from chassis.uow import UnitOfWork

MIGRATIONS = str(Path(__file__).parent / "migrations")
handled = sa.table("handled", sa.column("event_id"), sa.column("occurred_at", UTCDateTime),
                   sa.column("handled_at", UTCDateTime))


class Producer(ServiceBase):
    """Raises posts' staff_changed: one transaction, one outbox row, one publish each."""

    name = "posts"
    uow = UnitOfWork(MIGRATIONS)

    @rpc
    def emit(self, count, interval=0.0, phase=0.0):
        """``count`` events, ``interval`` seconds apart (0: as fast as it goes), the first
        after ``phase`` intervals."""
        started = eventlet.hubs.get_hub().clock() + phase * interval
        for i in range(count):
            if interval:
                eventlet.sleep(max(0.0, started + i * interval - eventlet.hubs.get_hub().clock()))
            with self.uow as work:
                work.emit("staff_changed", {"staff_id": f"s{i}", "name": "压测",
                                            "role": "staff", "division_id": "d1"})


class Consumer(ServiceBase):
    """Applies each event once (inbox) and records when it was handled."""

    name = "bench"
    uow = UnitOfWork(MIGRATIONS)

    @handle_event("posts", "staff_changed")
    def on_staff_changed(self, event):
        with self.uow as work:
            work.session.execute(handled.insert(), {
                "event_id": event.id, "occurred_at": event.occurred_at,
                "handled_at": datetime.now(UTC)})

    @rpc
    def handled(self):
        """How many events it has applied (cheap enough to poll)."""
        with self.uow as work:
            return work.session.scalar(sa.select(sa.func.count()).select_from(handled))

    @rpc
    def finished_at(self):
        """When the last event was applied (epoch seconds): the end of a run, exactly, where
        polling would add its interval and load the consumer it measures."""
        with self.uow as work:
            return work.session.scalar(sa.select(sa.func.max(handled.c.handled_at))).timestamp()

    @rpc
    def latencies(self):
        with self.uow as work:
            rows = work.session.execute(sa.select(handled.c.occurred_at, handled.c.handled_at))
            return [(h - o).total_seconds() for o, h in rows]
