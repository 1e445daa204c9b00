"""What every service tells an operator, and does for one: the chassis RPCs behind
``GET /api/v1/admin/status`` and ``POST /api/v1/admin/parked/{id}/replay``.

A parked message goes back to its queue as the party that owns the queue (chassis.parked):
the gateway may read the parked queue but never speak for a service, so it asks the owning
service to replay its own parked message, which it does as its own broker user.
"""

import os
import socket
from datetime import UTC, datetime

import sqlalchemy as sa
from amqp.exceptions import ChannelError

from chassis import amqp, parked
from chassis.db import OutboxRecord
from chassis.entrypoints import rpc
from chassis.errors import Conflict, Forbidden, NotFound

INSTANCE = f"{socket.gethostname()}:{os.getpid()}"  # this process, among its service's


def outbox_backlog(session, now: datetime) -> dict:
    """How many events wait unpublished and for how long the oldest has: one query on the
    outbox's ``published_at`` index."""
    count, oldest = session.execute(
        sa.select(sa.func.count(), sa.func.min(OutboxRecord.created_at))
        .where(OutboxRecord.published_at.is_(None))).one()
    if oldest is not None and oldest.tzinfo is None:  # SQLite's aggregate skips the type
        oldest = datetime.fromisoformat(str(oldest)).replace(tzinfo=UTC)
    age = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
    return {"outbox_unpublished": count, "outbox_oldest_seconds": round(age, 3)}


def metrics_url(settings) -> str | None:
    """Where this process serves Prometheus metrics, if it does (``XIAONENG_METRICS_PORT``)."""
    port = getattr(settings, "metrics_port", 0)
    if not port:
        return None
    address = getattr(settings, "metrics_address", "")
    host = socket.gethostname() if address in ("", "0.0.0.0", "::") else address
    return f"http://{host}:{port}/metrics"


def not_found(parked_id):
    return NotFound(f"no parked message with id {parked_id}", {"id": parked_id},
                    code="parked_not_found")


class Operated:
    """Mixed into every service (chassis.service.ServiceBase).

    - ``status``: this instance's readiness and outbox backlog, cheap enough to be asked
      every few seconds;
    - ``replay_parked``: a parked message of one of this service's queues, back to its
      queue as this service's broker user (mandatory, confirmed: a queue that is gone
      keeps it parked, ``replay_unroutable``).
    """

    @rpc
    def status(self):
        answer = {"name": self.name, "instance": INSTANCE,
                  "metrics_url": metrics_url(self.settings)}
        try:
            with self.uow as work:
                backlog = outbox_backlog(work.session, datetime.now(UTC))
        except Exception as exc:  # noqa: BLE001 - its database away: not ready, and why
            return {**answer, "ready": False, "error": f"{type(exc).__name__}: {exc}"[:300],
                    "outbox_unpublished": None, "outbox_oldest_seconds": None}
        return {**answer, "ready": True, **backlog}

    @rpc
    def replay_parked(self, actor, parked_id):
        if actor.get("role") != "admin":
            raise Forbidden("only an administrator replays parked messages",
                            code="wrong_role")
        with amqp.connection(self.settings.amqp_uri) as connection:
            channel = connection.channel()
            try:
                replayed = replay_own(self.settings, channel, parked_id, self.name)
            finally:
                channel.close()  # what it did not take goes back to the parked queue
        with self.uow as work:  # the admin's request, in the audit trail
            work.audit()
        return replayed


def replay_own(settings, channel, parked_id, party):
    """The parked message ``parked_id`` back to its queue, which ``party`` owns, as
    ``party``'s broker user (``settings.amqp_uri``); acknowledged (gone from the parked
    queue) only once the broker confirmed it reached the queue."""
    message, _ = parked.taken(channel, settings.queue_type, parked_id)
    if message is None:
        raise not_found(parked_id)
    queue = parked.original_queue(message) or ""
    if parked.owner(queue) != party:
        raise Conflict(f"{queue} is not {party}'s queue", {"queue": queue},
                       code="parked_not_owned")
    try:
        parked.replay(settings, message, uri=settings.amqp_uri)
    except amqp.CONNECTION_ERRORS + (ChannelError,) as exc:
        raise Conflict(f"the broker did not take it back to {queue}: {exc}; it stays "
                       f"parked", {"id": parked_id, "queue": queue},
                       code="replay_unroutable") from None
    message.ack()
    return {"id": parked_id, "queue": queue, "replayed": True}
