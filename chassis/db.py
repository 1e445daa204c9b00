"""Database plumbing: engines, the outbox and inbox tables, Alembic migrations.

Each service owns its database (a SQLite file by default, PostgreSQL in
production); the outbox and inbox tables live in every one of them.
"""

import json
import logging
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from eventlet.semaphore import Semaphore
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from chassis import postgres
from chassis.envelope import make_event
from chassis.errors import NotFound

log = logging.getLogger(__name__)
_green_psycopg = False
IDLE_BEFORE_PING = 1.0  # seconds a pooled connection may sit before it is checked
# Alembic keeps the running migration in a module global (alembic.context): services
# starting side by side in one process must migrate one at a time.
_migrating = Semaphore(1)


class UTCDateTime(sa.TypeDecorator):
    """An aware datetime stored as UTC; SQLite would otherwise hand back naive ones."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; give it a zone")
        return value.astimezone(UTC).replace(tzinfo=None if dialect.name == "sqlite" else UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ChassisBase(DeclarativeBase):
    pass


class OutboxRecord(ChassisBase):
    """An event raised in a committed transaction, until it has been published."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(sa.String(36), unique=True)
    exchange: Mapped[str] = mapped_column(sa.String(100))
    routing_key: Mapped[str] = mapped_column(sa.String(100))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The relay's scan reads only the unpublished rows, in order (chassis.retention).
    __table_args__ = (sa.Index("ix_outbox_unpublished", "seq",
                               sqlite_where=sa.text("published_at IS NULL"),
                               postgresql_where=sa.text("published_at IS NULL")),)


class InboxRecord(ChassisBase):
    """An event a handler has applied; its presence makes a redelivery a no-op."""

    __tablename__ = "inbox"
    consumer: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    event_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


def locked(session, model, record_id, what):
    """A record by id, locked for this transaction (``FOR UPDATE``), or NotFound."""
    return found(session, model, record_id, what, for_update=True)


def found(session, model, record_id, what, for_update=False):
    """A record by id, or NotFound (``code``: ``<what>_not_found``)."""
    record = session.get(model, record_id, with_for_update=for_update)
    if record is None:
        raise NotFound(f"no {what} with id {record_id}", {"id": record_id},
                       code=f"{what}_not_found")
    return record


def lock_key(session, key):
    """Serialise transactions about one thing (a person, say) across instances.

    PostgreSQL: an advisory lock held until commit, sent with the transaction's next
    statement (``chassis.postgres``): nobody reads its answer. SQLite: the unit of work
    already runs one writer at a time.
    """
    if session.get_bind().dialect.name == "postgresql":
        connection = session.connection().connection.dbapi_connection
        connection.send_ahead("SELECT pg_advisory_xact_lock(hashtext(%s))", (key,))


def insert_or(session, table):
    """An INSERT into ``table`` that takes ``on_conflict_do_nothing`` or
    ``on_conflict_do_update`` on the session's database (PostgreSQL or SQLite)."""
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[session.get_bind().dialect.name]
    return dialect.insert(table)


def next_number(session, counter, **key):
    """Increment a counter row (created at 0 if missing) and return its new ``last_seq``.

    In the caller's transaction: the row lock makes concurrent callers, on any
    instance, wait their turn, and a rollback gives the number back, so numbers
    have no gaps and no repeats.
    """
    session.execute(insert_or(session, counter).values(**key, last_seq=0)
                    .on_conflict_do_nothing())
    return session.scalar(
        sa.update(counter).where(*(getattr(counter, k) == v for k, v in key.items()))
        .values(last_seq=counter.last_seq + 1).returning(counter.last_seq))


def create_chassis_tables(op):
    """For a service's first migration: the outbox and inbox tables."""
    ChassisBase.metadata.create_all(op.get_bind())


class DriverInsert:
    """An INSERT of a chassis table's row (an outbox or inbox row, one per event), compiled
    once per dialect and sent with ``exec_driver_sql``: SQLAlchemy's compile-cache lookup and
    execution context cost more than the statement's own round trip here. Errors are
    SQLAlchemy's as usual (a duplicate is an ``IntegrityError``, a lost server an
    ``OperationalError``). Returns ``returning``'s value when given."""

    def __init__(self, table, returning=None):
        self.table, self.returning = table, returning
        self._compiled = {}

    def __call__(self, connection, values: dict):
        sql, order, processors = self._for(connection.dialect)
        values = {k: processors[k](v) if processors.get(k) else v for k, v in values.items()}
        params = tuple(values[k] for k in order) if order else values
        result = connection.exec_driver_sql(sql, params)
        if self.returning is None:
            return None
        return result.scalar_one() if connection.dialect.insert_returning else result.lastrowid

    def _for(self, dialect):
        if dialect.name not in self._compiled:
            columns = [c for c in self.table.c if c.name != self.returning]
            statement = sa.insert(self.table).values(
                {c.name: sa.bindparam(c.name) for c in columns})
            if self.returning is not None and dialect.insert_returning:
                statement = statement.returning(self.table.c[self.returning])
            compiled = statement.compile(dialect=dialect)
            self._compiled[dialect.name] = (
                str(compiled), list(compiled.positiontup) if compiled.positional else None,
                {c.name: c.type.bind_processor(dialect) for c in columns})
        return self._compiled[dialect.name]


_insert_outbox = DriverInsert(OutboxRecord.__table__, returning="seq")
insert_inbox = DriverInsert(InboxRecord.__table__)


def write_outbox(connection, body) -> tuple[int, str]:
    """An event envelope into the outbox on ``connection``: its ``seq`` and the text kept."""
    text = json.dumps(body, ensure_ascii=False)
    seq = _insert_outbox(connection, {
        "event_id": body["id"], "exchange": body["source"], "routing_key": body["type"],
        "body": text, "created_at": datetime.now(UTC), "published_at": None})
    return seq, text


def announce(connection, source, type_, items):
    """Raise a ``source``.``type_`` event for each ``(data, fact)`` through the outbox on
    ``connection``, for the relay to publish, where no unit of work runs (a data migration):
    a projection consumers begin to keep learns what existed before it. ``fact`` makes
    each id stable."""
    now = datetime.now(UTC)
    for data, fact in items:
        write_outbox(connection, make_event(source, type_, data, now=now, fact=fact))


def make_engine(url: str, pool_size: int = 10, max_overflow: int = 10) -> sa.Engine:
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    _patch_psycopg()
    url = sa.engine.make_url(url)
    # psycopg2, made green above (SQLAlchemy 2.1 would pick psycopg 3), with fewer round
    # trips to a transaction
    url = url.set(drivername="postgresql+psycopg2")
    engine = sa.create_engine(url, pool_size=pool_size, max_overflow=max_overflow,
                              connect_args={"connection_factory": postgres.Connection})
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine, idle_seconds=IDLE_BEFORE_PING):
    """Ping a pooled connection at checkout only if it sat idle. ``pool_pre_ping`` pings
    every time: a round trip per transaction, a fifth of an event handler's time. A
    connection in steady use either works or fails its next statement with a disconnect
    error; SQLAlchemy then invalidates the whole pool, and the chassis treats the error as
    transient (an event is retried, a call answered 503)."""

    @event.listens_for(engine, "connect")
    @event.listens_for(engine, "checkin")
    def last_used(_dbapi_connection, record):
        record.info["last_used"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection, record, _proxy):
        if time.monotonic() - record.info.get("last_used", 0) < idle_seconds:
            return
        try:
            dbapi_connection.ping()
        except Exception as exc:  # the pool replaces this connection and tries again
            raise sa.exc.DisconnectionError(f"stale connection: {exc}") from exc


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL with NORMAL survives a crash of the process; only an OS crash or power
    # loss can drop the last commits. SQLite is the embedded development default.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _patch_psycopg():
    # psycopg2 blocks the whole process under eventlet unless made green.
    global _green_psycopg
    if not _green_psycopg:
        from psycogreen.eventlet import patch_psycopg

        patch_psycopg()
        _green_psycopg = True


def migrate(engine: sa.Engine, script_location: str):
    """Bring the database to the newest revision; safe with several instances starting."""
    config = AlembicConfig()
    config.set_main_option("script_location", script_location)
    with _migrating, engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # One instance migrates, the others wait and find nothing to do.
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(7301)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def is_migrated(engine: sa.Engine, script_location: str) -> bool:
    """Whether the database is at this code's newest revision, or at one this code does not
    know: a newer release migrated it while this one still runs (a rolling update), which
    works because a migration only adds (docs/operations.md, "Releases and migrations")."""
    config = AlembicConfig()
    config.set_main_option("script_location", script_location)
    script = ScriptDirectory.from_config(config)
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    known = {revision.revision for revision in script.walk_revisions()}
    return current is not None and (current in script.get_heads() or current not in known)


def run_migrations():
    """The body of every service's ``migrations/env.py``."""
    from alembic import context

    connection = context.config.attributes["connection"]
    context.configure(connection=connection, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
