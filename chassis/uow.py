"""The unit of work: one session and the events it raises, committed as a whole.

Usage inside an entrypoint::

    with self.uow as work:
        post = work.session.get(Post, post_id)
        ...
        work.emit("post_changed", {...})

On leaving the block the state change and the outbox rows commit in one
transaction; right after commit the events are published (publisher confirms).
A worker serving a request through the gateway carries the request's audit context
(``AUDIT``): its first transaction that writes also records ``write_recorded`` for the
audit trail, in the same commit.
Whatever a crash leaves unpublished, :meth:`UnitOfWork.relay` publishes later.
In an event handler the event id is recorded in the inbox in the same
transaction, so a redelivered event raises :class:`DuplicateEvent` at the
start of the block and changes nothing.
"""

import logging
from datetime import UTC, datetime, timedelta

import eventlet
import sqlalchemy as sa
from eventlet.queue import Empty, LightQueue
from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chassis import amqp
from chassis.clock import clock
from chassis.config import Settings, check_production
from chassis.db import (
    OutboxRecord,
    insert_inbox,
    is_migrated,
    lock_key,
    make_engine,
    migrate,
    write_outbox,
)
from chassis.envelope import Event, make_event

log = logging.getLogger(__name__)
_sqlite_locks = {}
_outbox = OutboxRecord.__table__
# Built once, on the table: the ORM's bulk-update path cost more than the statement.
_MARK_PUBLISHED = (sa.update(_outbox).where(_outbox.c.seq.in_(sa.bindparam("seqs", expanding=True)))
                   .values(published_at=sa.bindparam("now")))
# How long confirmed rows gather before one UPDATE marks them: far below the relay's grace,
# so the relay never takes a row that was published; a crash in between means the relay
# publishes it again, which an inbox applies once.
MARK_GATHER_SECONDS = 0.05


AUDIT = "audit"  # the context key of a request's audit entry, set by the gateway


class DuplicateEvent(Exception):
    """This handler has applied this event before."""


class Work:
    def __init__(self, provider, worker_ctx):
        self.provider = provider
        self.worker_ctx = worker_ctx
        self.session = None
        self._outbox = []
        self._inbox_done = False
        self._audited = False
        self._wrote = False

    def __enter__(self):
        self.provider.lock.acquire()
        self.session = Session(self.provider.engine, expire_on_commit=False)
        self._outbox, self._wrote, self._audit_later = [], False, False
        sa.event.listen(self.session, "do_orm_execute", self._noticed)
        sa.event.listen(self.session, "after_flush", self._flushed)
        try:
            self._record_inbox()
        except BaseException:
            self._close()
            raise
        return self

    def _record_inbox(self):
        event = self.worker_ctx.args[0] if self.worker_ctx.args else None
        if self._inbox_done or not isinstance(event, Event):
            return
        consumer = f"{self.worker_ctx.service_name}.{self.worker_ctx.entrypoint.method_name}"
        try:
            insert_inbox(self.session.connection(), {
                "consumer": consumer, "event_id": event.id, "received_at": datetime.now(UTC)})
        except IntegrityError:
            raise DuplicateEvent(f"{consumer} has applied event {event.id}") from None
        self._inbox_done = True

    def snapshot(self):
        """Let every read of this transaction see one moment — a list and the rows under
        it — where PostgreSQL would give each statement its own (READ COMMITTED): REPEATABLE
        READ, for reads. Call it first. On SQLite nothing to do: the lock above serialises
        every transaction on the file, and only this process writes it."""
        if self.provider.engine.dialect.name == "postgresql":
            self.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return self

    def emit(self, type_, data, fact=None):
        """Raise an event with this transaction; ``fact`` makes its id stable."""
        correlation_id = self.worker_ctx.context_data.get("correlation_id")
        source = self.worker_ctx.service_name
        body = make_event(source, type_, data, now=clock.now(),
                          correlation_id=correlation_id, fact=fact)
        seq, text = write_outbox(self.session.connection(), body)
        self._outbox.append(amqp.Outgoing.envelope(body, text, seq))
        return body

    def audit(self, status=None, **extra):
        """Record this request in the audit trail with this transaction, once per worker
        (a refused sign-in, say: ``status`` 401, ``username`` and ``client``). Nothing
        outside a request through the gateway."""
        entry = self.worker_ctx.context_data.get(AUDIT)
        if self._audited or not isinstance(entry, dict):
            return
        self._audited = True
        self.emit("write_recorded", {
            "at": clock.now(), "actor_id": entry.get("actor_id"), "role": entry.get("role"),
            "method": entry.get("method"), "path": entry.get("path"),
            "status": status or entry.get("status"), "client": entry.get("client"),
            "correlation_id": self.worker_ctx.context_data.get("correlation_id") or "",
            **extra})

    def audit_later(self):
        """This transaction's write is not what the request did (a sign-in counted before
        its password is checked): the request's entry comes with a later one."""
        self._audit_later = True

    def _noticed(self, state):
        if state.is_insert or state.is_update or state.is_delete:
            self._wrote = True

    def _flushed(self, session, _context):
        # An autoflush (a query after an add) empties session.new before the end: without
        # this, a write that raised no event of its own went unaudited.
        if session.new or session.dirty or session.deleted:  # still the flush's, here
            self._wrote = True

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is not None:
                self.session.rollback()
                return False
            if not self._audit_later and (self._wrote or self._outbox or self.session.new
                                          or self.session.dirty or self.session.deleted):
                self.audit()
            self.session.commit()
        finally:
            self._close()
        if exc_type is None:
            self.provider.publish_now(self._outbox)
        return False

    def _close(self):
        self.session.close()
        self.provider.lock.release()


class PublishedMarks:
    """Marks outbox rows published once the broker has confirmed them, in a thread of its
    own: publishing never waits for the database, and what was confirmed in a short while
    is marked by one UPDATE."""

    def __init__(self, engine, lock):
        self.engine, self.lock = engine, lock
        self.confirmed, self.gathered = LightQueue(), []

    def add(self, seqs):
        for seq in seqs:
            self.confirmed.put(seq)

    def run(self):
        """The marking thread's body: runs until killed."""
        while True:
            self.gathered.append(self.confirmed.get())
            eventlet.sleep(MARK_GATHER_SECONDS)
            self.flush()

    def flush(self):
        """Mark what has been gathered and what is waiting, in one statement."""
        seqs, self.gathered = self.gathered, []
        try:
            while True:
                seqs.append(self.confirmed.get_nowait())
        except Empty:
            pass
        if not seqs:
            return
        try:
            with self.lock, self.engine.begin() as connection:
                connection.execute(_MARK_PUBLISHED, {"seqs": seqs, "now": datetime.now(UTC)})
        except Exception as exc:  # published but unmarked: the relay publishes it again
            log.warning("outbox: could not mark %d events published: %s", len(seqs), exc)


class UnitOfWork(DependencyProvider):
    """Gives each worker a :class:`Work`; migrates the database when the service starts,
    except in production: there the migrations run once, before a release's pods start
    (``python -m xiaoneng.migrate``), and a pod refuses a database not yet migrated.

    ``on_start`` runs once after migrations with a session (seed data).
    """

    def __init__(self, migrations: str, on_start=None):
        self.migrations = migrations
        self.on_start = on_start

    def setup(self):
        self.settings = Settings.from_mapping(self.container.config)
        check_production(self.settings)  # before touching the database
        name = self.container.service_name
        url = self.settings.database_url(name, self.container.config)
        self.engine = make_engine(url, self.settings.db_pool_size,
                                  self.settings.db_max_overflow)
        # SQLite has one writer; green threads queue here instead of in C, where
        # a waiting thread would block the very thread holding the lock. Instances
        # sharing a file in one process share the lock.
        self.lock = _sqlite_locks.setdefault(url, Semaphore(1)) \
            if self.engine.dialect.name == "sqlite" else Semaphore(10_000)
        if not self.settings.production:
            migrate(self.engine, self.migrations)
        elif not is_migrated(self.engine, self.migrations):  # the migrations Job's to do
            raise RuntimeError(f"{name}'s database is not migrated: run "
                               f"python -m xiaoneng.migrate {name}")
        if self.on_start:
            with Session(self.engine) as session, session.begin():
                lock_key(session, f"{name}.on_start")  # instances starting together seed once
                self.on_start(session, self.settings)

        self.committed = amqp.PublishingQueue(self.settings.amqp_uri, self._settled)
        self.marks = PublishedMarks(self.engine, self.lock)

    def start(self):
        self.container.spawn_managed_thread(self.committed.run)
        self.container.spawn_managed_thread(self.marks.run)

    def stop(self):
        self.committed.flush()  # what is left, if it can
        self.marks.flush()
        self.engine.dispose()

    def get_dependency(self, worker_ctx):
        return Work(self, worker_ctx)

    def publish_now(self, records):
        """Hand committed rows to the publisher; the worker does not wait for the broker.
        One green thread per process publishes them in commit order, confirmed a batch at
        a time; :class:`PublishedMarks` marks what was confirmed."""
        for record in records:
            self.committed.put(record)

    def _settled(self, published, unpublished, error):
        if error is not None:  # the relay publishes what is left
            log.warning("outbox: publish after commit failed, relay will retry: %s", error)
        self.marks.add(record.seq for record in published)

    def relay(self, limit=200):
        """Publish outbox rows a crash left behind; returns how many it published."""
        cutoff = datetime.now(UTC) - timedelta(seconds=self.settings.relay_grace)
        publisher = amqp.ConfirmedBatches(self.settings.amqp_uri)
        with self.lock, Session(self.engine) as session, session.begin():
            query = (sa.select(OutboxRecord).where(OutboxRecord.published_at.is_(None),
                                                   OutboxRecord.created_at <= cutoff)
                     .order_by(OutboxRecord.seq).limit(limit))
            if self.engine.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            records = {record.seq: record for record in session.scalars(query)}
            try:
                published = publisher.publish([amqp.Outgoing.of(r) for r in records.values()])
            finally:
                publisher.close()
            for outgoing in published:
                records[outgoing.seq].published_at = datetime.now(UTC)
        if published:
            log.info("outbox relay published %d left-behind events", len(published))
        return len(published)
